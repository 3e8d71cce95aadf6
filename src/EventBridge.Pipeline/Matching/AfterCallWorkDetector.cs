using EventBridge.Genesys.Models;

namespace EventBridge.Pipeline.Matching;

/// <summary>
/// Reads a whole-conversation snapshot (REST or generic topic) and finds the agent participants that are in
/// after-call work and still need a code. Snapshots may repeat or arrive out of order, so this is a pure function
/// of one snapshot, never of the previous one.
/// </summary>
public static class AfterCallWorkDetector
{
    public static IEnumerable<AgentInAfterCallWork> FindAgentsAwaitingWrapup(Conversation conversation)
    {
        if (conversation.Id is null || conversation.Participants is null) yield break;
        foreach (var participant in conversation.Participants)
        {
            if (!string.Equals(participant.Purpose, "agent", StringComparison.OrdinalIgnoreCase) || participant.Id is null)
                continue;
            if (participant.Wrapup?.Code is not null || participant.WrapupSkipped == true || participant.EndAcwTime is not null)
                continue;
            foreach (var communication in participant.Messages ?? [])
            {
                if (communication.Id is not null && IsAwaitingWrapup(participant, communication))
                    yield return new AgentInAfterCallWork(conversation.Id, participant.Id, communication.Id, participant.UserId, participant.QueueId);
            }
        }
    }

    private static bool IsAwaitingWrapup(ConversationParticipant participant, MessageCommunication communication)
    {
        if (!string.Equals(communication.State, "disconnected", StringComparison.OrdinalIgnoreCase) || communication.Wrapup?.Code is not null)
            return false;
        // The generic topics say it directly; the REST view may only carry the participant's ACW times.
        if (communication.AfterCallWork?.State is { } acwState)
            return string.Equals(acwState, "pending", StringComparison.OrdinalIgnoreCase);
        return participant.WrapupRequired == true && participant.StartAcwTime is not null;
    }
}
