using EventBridge.Contracts;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Matching;

/// <summary>
/// Decides, from one whole-conversation snapshot (REST or event), what an intent needs. Pure: snapshots may repeat or
/// come out of order, so the decision never depends on an earlier snapshot.
/// </summary>
public static class WrapUpEvaluator
{
    /// <summary>The system code Genesys applies when a time-boxed ACW runs out (id as the simulator seeds it, and name).</summary>
    public const string AcwTimeoutCodeName = "ININ-WRAP-UP-TIMEOUT";
    public const string AcwTimeoutCodeId = "7fb334b0-0e9e-11e4-9191-0800200c9a66";

    public static WrapUpDecision Evaluate(Conversation conversation, StoredIntent intent)
    {
        var agent = AgentSelector.Select(conversation, intent);
        if (agent is null)
        {
            if (intent.ParticipantId is not null || intent.UserId is not null || (Ended(conversation) && !AgentSelector.HasAnyAgent(conversation)))
                return WrapUpDecision.Fail(WrapUpFailureReasons.NoAgentParticipant,
                    $"Conversation {conversation.Id} has no agent participant{TargetText(intent)}.");
            return WrapUpDecision.Wait("no agent participant yet");
        }

        return DecideFor(agent, conversation, intent) with { QueueId = agent.QueueId };
    }

    private static WrapUpDecision DecideFor(ConversationParticipant agent, Conversation conversation, StoredIntent intent)
    {
        var communication = AgentSelector.CurrentCommunication(agent);
        var code = agent.Wrapup?.Code ?? communication?.Wrapup?.Code;
        if (code is not null)
        {
            if (IsCode(code, intent.CodeId, intent.CodeName))
                return new WrapUpDecision(WrapUpDecisionKind.AlreadyApplied, agent.Id, communication?.Id, AcwStart(agent, communication));
            if (IsCode(code, AcwTimeoutCodeId, AcwTimeoutCodeName))
                return WrapUpDecision.Fail(WrapUpFailureReasons.AcwTimedOut,
                    $"After-call work of participant {agent.Id} timed out and Genesys applied {AcwTimeoutCodeName} before the code landed.", agent.Id);
            return WrapUpDecision.Fail(WrapUpFailureReasons.AlreadyWrappedUp,
                $"Participant {agent.Id} already has wrap-up code {code}; EventBridge does not overwrite it.", agent.Id);
        }

        if (agent.WrapupSkipped == true || string.Equals(communication?.AfterCallWork?.State, "skipped", StringComparison.OrdinalIgnoreCase))
            return WrapUpDecision.Fail(WrapUpFailureReasons.AcwSkipped, $"The agent of participant {agent.Id} skipped the optional wrap-up.", agent.Id);

        var awaiting = AfterCallWorkDetector.FindAgentsAwaitingWrapup(conversation).FirstOrDefault(a => a.ParticipantId == agent.Id);
        if (awaiting is not null)
            return new WrapUpDecision(WrapUpDecisionKind.Apply, agent.Id, awaiting.CommunicationId, AcwStart(agent, communication),
                AcwTimesOutAt: AcwStart(agent, communication) is { } start && agent.WrapupTimeoutMs is > 0 and var timeoutMs
                    ? start.AddMilliseconds(timeoutMs)
                    : null);

        return WrapUpDecision.Wait($"participant {agent.Id} is not in after-call work");
    }

    /// <summary>Events may carry the code's id or its name.</summary>
    public static bool IsCode(string code, string? id, string? name) =>
        string.Equals(code, id, StringComparison.OrdinalIgnoreCase) || string.Equals(code, name, StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset? AcwStart(ConversationParticipant agent, MessageCommunication? communication) =>
        communication?.AfterCallWork?.StartTime ?? agent.StartAcwTime;

    private static bool Ended(Conversation conversation) =>
        conversation.Participants?.All(p => p.EndTime is not null || p.Messages?.All(m => m.State == "disconnected") == true) == true;

    private static string TargetText(StoredIntent intent) =>
        intent.ParticipantId is not null ? $" with id {intent.ParticipantId}" : intent.UserId is not null ? $" for user {intent.UserId}" : "";
}
