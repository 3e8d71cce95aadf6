namespace EventBridge.DeadLetters.Storage;

/// <summary>
/// The dead letters and the support audit. SQLite (<see cref="SqliteDeadLetterStore"/>, a file of its own) for one
/// worker; PostgreSQL when the intent store is there (<c>IntentStore:Provider</c> = <c>Postgres</c>), so every replica
/// of a cluster reviews the same letters and writes one audit.
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>Creates or migrates the schema; refuses one written by a newer EventBridge.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a letter once: the same <see cref="NewDeadLetter.DedupKey"/> again returns the stored id, IsNew false.</summary>
    Task<(long Id, bool IsNew)> AddAsync(NewDeadLetter letter, CancellationToken cancellationToken = default);

    Task<DeadLetter?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Open letters by reason, biggest group first.</summary>
    Task<IReadOnlyList<DeadLetterGroup>> GetGroupsAsync(CancellationToken cancellationToken = default);

    /// <summary>Newest first; <paramref name="before"/> is the id to page below (the last id of the previous page).</summary>
    Task<IReadOnlyList<DeadLetterSummary>> ListAsync(string? reason, DeadLetterStatus? status, int limit, long? before,
        CancellationToken cancellationToken = default);

    /// <summary>Ids of the Open letters with this reason (that failed before <paramref name="failedBefore"/>, when given), oldest first.</summary>
    Task<IReadOnlyList<long>> GetOpenIdsAsync(string reason, DateTimeOffset? failedBefore = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Letters whose intent id (or the intent it was retried as), conversation id, participant id or wrap-up code is
    /// exactly <paramref name="term"/>; newest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<DeadLetterSummary>> SearchAsync(string term, int limit, CancellationToken cancellationToken = default);

    /// <summary>Letters of this intent (a message can fail on intake and again on settle).</summary>
    Task<IReadOnlyList<DeadLetterSummary>> FindByIntentAsync(Guid intentId, CancellationToken cancellationToken = default);

    /// <summary>Letters that were retried as this intent.</summary>
    Task<IReadOnlyList<DeadLetterSummary>> FindRetriedAsAsync(Guid intentId, CancellationToken cancellationToken = default);

    /// <summary>Newest first; all letters, or one letter's entries.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(int limit, long? deadLetterId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A support action in one transaction: two actions on one letter take turns, and the second sees the first
    /// (SQLite: BEGIN IMMEDIATE; PostgreSQL: the letter's row lock).
    /// </summary>
    Task<IDeadLetterChange> BeginChangeAsync(CancellationToken cancellationToken = default);
}

/// <summary>One support action: the letter read under its lock, its state change and its audit row, committed together or not at all.</summary>
public interface IDeadLetterChange : IAsyncDisposable
{
    /// <summary>The letter, locked until the change ends.</summary>
    Task<DeadLetter?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Open → <paramref name="to"/>; false when the letter is not Open any more.</summary>
    Task<bool> ResolveAsync(long id, DeadLetterStatus to, Guid? retriedAsIntentId, DateTimeOffset at, string actor, CancellationToken cancellationToken);

    /// <summary>Archived → Open (a discard undone); false when the letter is not Archived.</summary>
    Task<bool> RestoreAsync(long id, CancellationToken cancellationToken);

    Task<long> AuditAsync(DateTimeOffset at, string actor, string action, long? deadLetterId, string target, string? beforeJson,
        string? afterJson, string? comment, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
