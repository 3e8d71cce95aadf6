namespace EventBridge.Genesys.Http;

/// <summary>
/// The one request budget of an OAuth client, kept where every replica of a cluster sees it (the PostgreSQL store
/// registers one). Genesys counts 300 requests a minute per token, and the replicas share one OAuth client, so the
/// safe reading is one budget for all of them: N replicas each spending the whole budget would draw 429s, and the
/// applies whose ACW clock is running would wait behind the retries.
/// </summary>
/// <remarks>
/// A ledger is one cell of the generic cell rate algorithm: it keeps the instant the next request is due
/// (<c>next slot</c>); a request may go once <c>next slot - tolerance</c> has come, and moves the slot one
/// <c>interval</c> on. The tolerance is the burst; a smaller tolerance for a class keeps the rest for the others.
/// </remarks>
public interface ISharedRequestLedger
{
    /// <summary>
    /// Books the next request of <paramref name="budgetKey"/> when it may go within <paramref name="longestWait"/>
    /// (zero: only now) and no pause is running; otherwise books nothing and says how long until it could.
    /// </summary>
    ValueTask<LedgerAnswer> TryReserveAsync(string budgetKey, TimeSpan interval, TimeSpan tolerance, TimeSpan longestWait,
        CancellationToken cancellationToken);

    /// <summary>Pauses every request of <paramref name="budgetKey"/> for at least <paramref name="pause"/> from now (never shortens one).</summary>
    ValueTask PauseAsync(string budgetKey, TimeSpan pause, CancellationToken cancellationToken);
}

/// <param name="Reserved">The request is booked: it goes after <paramref name="Wait"/>.</param>
/// <param name="Wait">Booked: until the request may go. Not booked: until asking again could succeed.</param>
/// <param name="Ahead">How far the next slot is ahead of now after this answer (the budget's backlog).</param>
public readonly record struct LedgerAnswer(bool Reserved, TimeSpan Wait, TimeSpan Ahead);
