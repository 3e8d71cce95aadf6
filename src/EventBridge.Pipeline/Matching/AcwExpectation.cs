using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Matching;

/// <summary>
/// "The agent should be in ACW any moment now": the customer has left, the intent's agent is still connected. Genesys
/// disconnects the agent's communication right after (and the agent enters ACW), so the next event normally shows it;
/// when none does, that event is the likeliest one lost — notifications are best effort — and one read finds out
/// seconds after instead of a reconciliation 30 s later, which a 30 s ACW timeout would not wait for.
/// </summary>
public static class AcwExpectation
{
    public static bool Expected(Conversation snapshot, StoredIntent intent)
    {
        var agent = AgentSelector.Select(snapshot, intent);
        if (agent is null || AgentSelector.IsDisconnected(agent) || agent.StartAcwTime is not null) return false;
        return (snapshot.Participants ?? []).Any(p => IsCustomer(p) && HasLeft(p));
    }

    private static bool IsCustomer(ConversationParticipant p) =>
        string.Equals(p.Purpose, "customer", StringComparison.OrdinalIgnoreCase) || string.Equals(p.Purpose, "external", StringComparison.OrdinalIgnoreCase);

    private static bool HasLeft(ConversationParticipant p) =>
        p.EndTime is not null ||
        (p.Messages is { Count: > 0 } messages && string.Equals(messages[^1].State, "disconnected", StringComparison.OrdinalIgnoreCase));
}
