namespace EventBridge.Pipeline.Storage;

/// <summary>
/// Durable home of wrap-up intents. SQLite by default, PostgreSQL (EventBridge.Storage.Postgres) for workers sharing
/// one store. Every state change is a compare-and-set, so two deliveries of the same message, or
/// two workers, can never both apply a code.
/// </summary>
public interface IIntentStore
{
    /// <summary>Creates or migrates the schema. Called once at start-up.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The schema version in place (0: none yet), read without creating anything; throws when the database does not
    /// answer. For the readiness check.
    /// </summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new intent (status Pending, code resolved or not). The same intent id again changes nothing and
    /// returns the stored copy. A new intent replaces older Pending intents for the same conversation and
    /// <see cref="StoredIntent.TargetKey"/>: they become Failed/superseded in the same transaction.
    /// </summary>
    Task<IntentRegistration> RegisterAsync(StoredIntent intent, CancellationToken cancellationToken = default);

    Task<StoredIntent?> FindAsync(Guid intentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pending and Applying intents (what the worker must still finish), oldest first, all at once and whole: for tests
    /// and tools. The worker's own passes over the open set (start-up reload, sweeps) read pages instead
    /// (<see cref="GetOpenIndexPageAsync"/>, <see cref="GetOpenPageAsync"/>).
    /// </summary>
    Task<IReadOnlyList<StoredIntent>> GetOpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> open intents after position <paramref name="afterPosition"/> (0: from the start), in
    /// position order (registration order); with <paramref name="changedBefore"/>, only those whose last change is older.
    /// A page shorter than the limit is the end of the open set. For passes over many open intents without loading all.
    /// </summary>
    Task<IReadOnlyList<OpenIntentSummary>> GetOpenPageAsync(long afterPosition, int limit, DateTimeOffset? changedBefore = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> open intents after position <paramref name="afterPosition"/> (0: from the start), in
    /// position order, each only as <see cref="Listening.PendingIntentIndex"/> keeps it. A page shorter than the limit is
    /// the end of the open set. For reloading the index at start-up without holding every <see cref="StoredIntent"/> at once.
    /// </summary>
    Task<IReadOnlyList<OpenIntentIndexEntry>> GetOpenIndexPageAsync(long afterPosition, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredIntent>> GetOpenForConversationAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Records the resolved code of a Pending intent.</summary>
    Task SetResolvedCodeAsync(Guid intentId, string codeId, string codeName, CancellationToken cancellationToken = default);

    /// <summary>Records when intake accepted the intent (once; a redelivery's second acceptance keeps the first time).</summary>
    Task MarkAcceptedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that the agent was disconnected for an open intent (first time wins), so no resend repeats it.</summary>
    Task MarkDisconnectedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pending → Applying for one agent participant, under a new claim (owner, token, expiry). An Applying intent is
    /// claimed again for the same participant by the same owner, or by anyone once its claim expired (see
    /// <see cref="IntentClaimRequest"/>); a live claim of another owner is <see cref="IntentClaimOutcome.HeldElsewhere"/>.
    /// Refused when the intent is not open, or another intent already holds (Applying or Applied) the same conversation
    /// and participant: one effective wrap-up per participant.
    /// </summary>
    Task<IntentClaimResult> TryClaimAsync(IntentClaimRequest request, CancellationToken cancellationToken = default);

    /// <summary>Moves the expiry of a claim still held with <paramref name="token"/>; false once it was taken over, released or completed.</summary>
    Task<bool> TryRenewClaimAsync(Guid intentId, Guid token, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applying → Pending again, only under the claim <paramref name="token"/> names (a transient failure gave up; the
    /// next event or reconciliation retries).
    /// </summary>
    Task ReleaseClaimAsync(Guid intentId, Guid token, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open → final. A Pending intent completes with or without a claim token; an Applying one only with the token of
    /// the claim that holds it. False (and nothing changes) otherwise: the first outcome wins, and a claim that was taken
    /// over records nothing.
    /// </summary>
    Task<bool> TryCompleteAsync(Guid intentId, IntentCompletion completion, CancellationToken cancellationToken = default);

    /// <summary>Open intents whose deadline is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<StoredIntent>> GetOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that a final intent's outcome event went out (the first time counts; later calls change nothing).</summary>
    Task MarkOutcomePublishedAsync(Guid intentId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Final intents whose outcome event never went out, last changed before <paramref name="finalBefore"/> (oldest
    /// first, at most <paramref name="limit"/>): the process that made them final died before publishing.
    /// </summary>
    Task<IReadOnlyList<StoredIntent>> GetUnpublishedOutcomesAsync(DateTimeOffset finalBefore, int limit, CancellationToken cancellationToken = default);
}
