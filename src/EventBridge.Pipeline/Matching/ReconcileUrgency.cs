using EventBridge.Genesys.Models;

namespace EventBridge.Pipeline.Matching;

/// <summary>
/// Which open intent to re-read first when the request budget cannot read them all at once (after a gap every open
/// intent is due): the one whose agent's ACW runs out soonest. An agent's ACW timeout is a queue setting Genesys
/// copies onto its participant (<c>wrapupTimeoutMs</c>), so the last snapshot seen knows it even from before the gap,
/// and an ACW start already seen makes the clock exact. Nothing known: after every intent with a clock.
/// </summary>
public static class ReconcileUrgency
{
    public static TimeSpan Of(Conversation? lastSeen, DateTimeOffset now)
    {
        var agent = lastSeen?.Participants?.LastOrDefault(p => string.Equals(p.Purpose, "agent", StringComparison.OrdinalIgnoreCase));
        if (agent?.WrapupTimeoutMs is not { } timeoutMs || timeoutMs <= 0) return TimeSpan.MaxValue;
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        return agent.StartAcwTime is { } start ? start + timeout - now : timeout;
    }
}
