using System.Data.Common;
using Dapper;

namespace EventBridge.Pipeline.Retention;

/// <summary>
/// An <see cref="IRecordPurge"/> whose every kind of record is one batched DELETE taking <c>@Before</c> and <c>@Limit</c>:
/// what each engine's store has in common. A store says how it opens a connection, writes an instant, and measures itself.
/// </summary>
public abstract class SqlRecordPurge(string store, IReadOnlyDictionary<RetainedRecords, string> deletes) : IRecordPurge
{
    public string Store => store;

    public IReadOnlyList<RetainedRecords> Records { get; } = [.. deletes.Keys];

    public async Task<int> PurgeAsync(RetainedRecords records, DateTimeOffset olderThan, int limit, CancellationToken cancellationToken)
    {
        if (!deletes.TryGetValue(records, out var delete))
            throw new ArgumentOutOfRangeException(nameof(records), records, $"The {store} store keeps no such records.");
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(delete, new { Before = Instant(olderThan), Limit = limit },
            cancellationToken: cancellationToken));
    }

    public abstract Task<StoreSize> MeasureAsync(CancellationToken cancellationToken);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The cutoff as the engine stores instants (SQLite: fixed-width text; PostgreSQL: a UTC timestamp).</summary>
    protected abstract object Instant(DateTimeOffset value);
}
