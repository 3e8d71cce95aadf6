namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>What <c>GET /sim/oracle</c> answers: the ground truth tests compare a client's claims with.</summary>
public sealed record OracleSnapshot(
    IReadOnlyList<AppliedWrapup> Wrapups,
    IReadOnlyList<IgnoredWrapup> IgnoredWrapups,
    IReadOnlyList<RefusedCall> RefusedCalls,
    IReadOnlyList<LoggedRequest> Requests,
    IReadOnlyList<WrapupCall> WrapupCalls)
{
    /// <summary>
    /// How often a participant was wrapped up, or asked to be, beyond once: the wrap-up calls that arrived after the
    /// first one that took effect (answered or not — a client that sends a second wrap-up did not know the first
    /// landed), or the codes that took effect beyond the first (an agent's, a timeout's), whichever is more.
    /// Calls before the first effect (a 409 on a stale snapshot, a 429) are not repeats.
    /// </summary>
    public int RepeatsFor(string conversationId, string participantId)
    {
        var calls = WrapupCalls.Where(c => Is(c.ConversationId, c.ParticipantId, conversationId, participantId)).OrderBy(c => c.ArrivedAt).ToList();
        var first = calls.FindIndex(c => WrapupEffects.TookEffect(c.Effect));
        var callsAfter = first < 0 ? 0 : calls.Count - first - 1;
        var effects = Wrapups.Count(w => Is(w.ConversationId, w.ParticipantId, conversationId, participantId));
        return Math.Max(callsAfter, effects - 1);
    }

    private static bool Is(string conversation, string participant, string conversationId, string participantId) =>
        string.Equals(conversation, conversationId, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(participant, participantId, StringComparison.OrdinalIgnoreCase);
}
