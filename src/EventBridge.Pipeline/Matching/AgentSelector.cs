using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Matching;

/// <summary>
/// Which agent participant an intent is for. Named participant or user first; otherwise the documented default:
/// the agent participant current when the conversation ends — agents who transferred the customer away keep
/// their own ACW, but the disposition belongs to whoever finished the conversation.
/// </summary>
public static class AgentSelector
{
    public static ConversationParticipant? Select(Conversation conversation, StoredIntent intent)
    {
        var agents = (conversation.Participants ?? []).Where(IsAgent).ToList();
        if (intent.ParticipantId is { } participantId)
            return agents.FirstOrDefault(p => p.Id == participantId);
        if (intent.UserId is { } userId)
            return agents.LastOrDefault(p => p.UserId == userId);
        return agents.LastOrDefault(p => !TransferredAway(p));
    }

    public static bool HasAnyAgent(Conversation conversation) => (conversation.Participants ?? []).Any(IsAgent);

    /// <summary>The communication the wrap-up POST needs: the agent's latest message communication.</summary>
    public static MessageCommunication? CurrentCommunication(ConversationParticipant agent) => agent.Messages?.LastOrDefault(m => m.Id is not null);

    /// <summary>The agent's current communication has ended: a disconnect would only be refused.</summary>
    public static bool IsDisconnected(ConversationParticipant agent) =>
        string.Equals(CurrentCommunication(agent)?.State, "disconnected", StringComparison.OrdinalIgnoreCase);

    private static bool IsAgent(ConversationParticipant p) => string.Equals(p.Purpose, "agent", StringComparison.OrdinalIgnoreCase) && p.Id is not null;

    private static bool TransferredAway(ConversationParticipant p) =>
        p.Messages?.Any(m => string.Equals(m.DisconnectType, "transfer", StringComparison.OrdinalIgnoreCase)) == true;
}
