using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Errors;

namespace EventBridge.Genesys.Simulator.Control;

/// <summary>Runs scenario steps in order against the conversation the last createConversation step made.</summary>
internal sealed class ScenarioRunner(SimulatorControl control)
{
    private readonly List<string> _conversations = [];
    private readonly List<string> _log = [];

    public async Task<ScenarioResult> RunAsync(IReadOnlyList<ScenarioStep> steps, CancellationToken ct)
    {
        foreach (var step in steps)
        {
            await RunStepAsync(step, ct);
            _log.Add($"{step.Action}: ok");
        }

        return new ScenarioResult(_conversations, _log);
    }

    private async Task RunStepAsync(ScenarioStep step, CancellationToken ct)
    {
        switch (step.Action)
        {
            case "createConversation":
                _conversations.Add(control.CreateConversation(new CreateConversationRequest
                {
                    QueueId = step.QueueId, AgentUserId = step.AgentUserId, WrapupRequired = step.WrapupRequired,
                    WrapupPrompt = step.WrapupPrompt, WrapupTimeoutMs = step.WrapupTimeoutMs,
                }).ConversationId);
                break;
            case "answer": control.AgentAnswers(Current, step.ParticipantId); break;
            case "customerEnds": control.CustomerEnds(Current); break;
            case "agentDisconnects": control.AgentDisconnects(Current, step.ParticipantId); break;
            case "wrapup":
                control.AgentWrapsUp(Current, step.Code ?? throw GenesysApiException.BadRequest("wrapup step needs 'code'."), step.ParticipantId, step.Notes);
                break;
            case "skipWrapup": control.AgentSkipsWrapup(Current, step.ParticipantId); break;
            case "enterAcw": control.AgentEntersAcw(Current, step.ParticipantId); break;
            case "transfer":
                control.Transfer(Current, step.ToUserId ?? throw GenesysApiException.BadRequest("transfer step needs 'toUserId'."));
                break;
            case "waitFor": await WaitAsync(step, ct); break;
            default: throw GenesysApiException.BadRequest($"Unknown scenario action '{step.Action}'.");
        }
    }

    private string Current => _conversations.Count > 0
        ? _conversations[^1]
        : throw GenesysApiException.BadRequest("The scenario must start with createConversation.");

    /// <summary>The timeout is the caller's patience in real time, not simulated Genesys time.</summary>
    private async Task WaitAsync(ScenarioStep step, CancellationToken ct)
    {
        Func<ConversationStatus, bool> condition = step.Until switch
        {
            "acwPending" => s => LastAgent(s)?.AcwState == "pending",
            "wrappedUp" => s => LastAgent(s) is { AcwState: "complete" or "completedTimeout" or "skipped" },
            "agentDisconnected" => s => LastAgent(s)?.State == "disconnected",
            "ended" => s => s.Ended,
            _ => throw GenesysApiException.BadRequest($"waitFor 'until' must be acwPending | wrappedUp | agentDisconnected | ended, not '{step.Until}'."),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(step.TimeoutMs);
        try
        {
            await control.WaitUntilAsync(Current, condition, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new GenesysApiException(408, "request.timeout", $"waitFor {step.Until} did not happen within {step.TimeoutMs} ms.");
        }
    }

    private static ParticipantStatus? LastAgent(ConversationStatus s) => s.Participants.LastOrDefault(p => p.Purpose == "agent");
}
