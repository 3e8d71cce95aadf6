using System.Globalization;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>Wrap-up: apply, skip, time out, and PATCH participant, where every field sent is an action.</summary>
internal sealed partial class ConversationEngine
{
    /// <summary>
    /// <paramref name="via"/>: communicationWrapup | participantPatch | agent. Only the agent (control API) may name a
    /// code by its name; the REST API takes ids. Returns what the call did (<see cref="WrapupEffects"/>).
    /// </summary>
    public string ApplyWrapup(string conversationId, string participantId, string? communicationId, WrapupRequest input, string via)
    {
        lock (_gate)
        {
            var c = Require(conversationId);
            var p = RequireParticipant(c, participantId);
            if (communicationId is not null && !string.Equals(communicationId, p.CommunicationId, StringComparison.OrdinalIgnoreCase))
                throw GenesysApiException.NotFound($"Communication {communicationId} was not found on participant {p.Id}.");
            if (string.IsNullOrWhiteSpace(input.Code))
            {
                throw new GenesysApiException(400, "conversation.error.wrapup.code.required",
                    "A wrap-up code is required: send WrapupInput with 'code' set to a wrap-up code id.");
            }

            var code = ResolveCode(input.Code, byName: via == "agent");
            if (!p.IsAgent)
                throw GenesysApiException.BadRequest($"Participant {p.Id} is a {p.Purpose}; only agent participants take wrap-up.");
            if (p.QueueId is { } queueId && !org.RequireQueue(queueId).WrapupCodeIds.Contains(code.Id, StringComparer.OrdinalIgnoreCase))
            {
                throw GenesysApiException.BadRequest(
                    $"Wrap-up code {code.Name} ({code.Id}) is not valid for queue {queueId}; see GET /api/v2/routing/queues/{queueId}/wrapupcodes.");
            }

            if (!p.InAcw)
                return RefuseOutsideAcw(c, p, code.Id, via);

            var endTime = DateTimeOffset.TryParse(input.EndTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t
                : time.GetUtcNow();
            CompleteAcw(c, p, new AppliedCode(code.Id, code.Name, input.Notes, input.Tags, input.DurationSeconds, endTime), via, "complete");
            return WrapupEffects.Applied;
        }
    }

    /// <summary>Skipping is only possible when the prompt is optional (or the agent asked for ACW themselves).</summary>
    public string SkipWrapup(string conversationId, string? participantId, string via)
    {
        lock (_gate)
        {
            var (c, p) = RequireAgent(conversationId, participantId);
            if (!p.InAcw)
                return RefuseOutsideAcw(c, p, null, via);

            if (p.WrapupPrompt is not ("optional" or "agentRequested"))
            {
                throw new GenesysApiException(400, "conversation.error.wrapup.code.required",
                    $"Wrap-up is {p.WrapupPrompt} for participant {p.Id}; it cannot be skipped, apply a code.");
            }

            p.AcwTimer?.Dispose();
            p.WrapupSkipped = true;
            p.EndAcwTime = time.GetUtcNow();
            p.AcwState = "skipped";
            Publish(c);
            events.Acw(c, p);
            return WrapupEffects.Skipped;
        }
    }

    /// <summary>
    /// Genesys treats every field of MediaParticipantRequest as an action: <c>state</c> disconnects (or 403s on a
    /// participant that is no longer active) and the wrap-up sent alongside does not take effect. Returns what the
    /// wrap-up part did, or null when the request carried none.
    /// </summary>
    public string? PatchParticipant(string conversationId, string participantId, ParticipantPatchRequest request)
    {
        if (request.State is { } state)
        {
            if (!string.Equals(state, "disconnected", StringComparison.OrdinalIgnoreCase))
                throw GenesysApiException.BadRequest($"state '{state}' is not supported here; only 'disconnected' is.");
            DisconnectParticipant(conversationId, participantId, "client");
            if (request.Wrapup is not null || request.WrapupSkipped == true)
            {
                oracle.Record(new IgnoredWrapup(conversationId, participantId, request.Wrapup?.Code, "participantPatch",
                    "Sent together with state: the state action was taken and the wrap-up ignored.", time.GetUtcNow()));
                return WrapupEffects.Ignored;
            }

            return null;
        }

        if (request.Wrapup is not null)
            return ApplyWrapup(conversationId, participantId, null, request.Wrapup, "participantPatch");
        if (request.WrapupSkipped == true)
            return SkipWrapup(conversationId, participantId, "participantPatch");
        throw GenesysApiException.BadRequest("The request changes nothing: send state, wrapup or wrapupSkipped.");
    }

    /// <summary>
    /// <c>POST /api/v2/conversations/{id}/disconnect</c> is Genesys's recovery tool: it ends everything at once and
    /// closes agents' ACW with a system code instead of the agent's choice. Simulated so misuse shows in the oracle
    /// (via <c>recoveryDisconnect</c>); which system code Genesys uses is not public, ININ-WRAP-UP-TIMEOUT stands in.
    /// </summary>
    public void RecoveryDisconnect(string conversationId)
    {
        lock (_gate)
        {
            var c = Require(conversationId);
            foreach (var p in c.Participants.Where(p => p.IsActive))
                CompleteDisconnect(c, p, "system");
            foreach (var p in c.Participants.Where(p => p.IsAgent && p.InAcw))
            {
                CompleteAcw(c, p, new AppliedCode(SeedData.WrapupTimeoutCodeId, SeedData.WrapupTimeoutCodeName, null, null, null, time.GetUtcNow()),
                    "recoveryDisconnect", "complete");
            }
        }
    }

    /// <summary>A time-boxed ACW that runs out gets the system code ININ-WRAP-UP-TIMEOUT.</summary>
    private void OnAcwTimeout(SimParticipant p)
    {
        lock (_gate)
        {
            if (!p.InAcw)
                return;
            var c = _conversations.Values.First(x => x.Participants.Contains(p));
            CompleteAcw(c, p, new AppliedCode(SeedData.WrapupTimeoutCodeId, SeedData.WrapupTimeoutCodeName, null, null, null, time.GetUtcNow()),
                "acwTimeout", "completedTimeout");
        }
    }

    private void CompleteAcw(SimConversation c, SimParticipant p, AppliedCode code, string via, string acwState)
    {
        p.AcwTimer?.Dispose();
        p.Wrapup = code;
        p.EndAcwTime = time.GetUtcNow();
        p.AcwState = acwState;
        oracle.Record(new AppliedWrapup(c.Id, p.Id, p.CommunicationId, code.Id, code.Name, via, p.EndAcwTime.Value, code.Notes, p.StartAcwTime));
        Publish(c);
        events.Wrapup(c, p);
        events.Acw(c, p);
    }

    private string RefuseOutsideAcw(SimConversation c, SimParticipant p, string? codeId, string via)
    {
        var why = $"Participant {p.Id} is not in after-call work (communication {p.State}, ACW {p.AcwState}).";
        if (options.WrapupOutsideAcw == WrapupOutsideAcwBehaviour.Reject409)
            throw new GenesysApiException(409, WrapupNotAllowedCode, why + " Wrap-up can be applied only while ACW is pending.");
        oracle.Record(new IgnoredWrapup(c.Id, p.Id, codeId, via, why, time.GetUtcNow()));
        return WrapupEffects.Ignored;
    }

    private SimWrapupCode ResolveCode(string code, bool byName) =>
        (byName ? org.FindWrapupCodeByIdOrName(code) : org.FindWrapupCode(code))
        ?? throw GenesysApiException.BadRequest($"Wrap-up code '{code}' does not exist; 'code' must be a wrap-up code id (GET /api/v2/routing/wrapupcodes?name=...).");
}
