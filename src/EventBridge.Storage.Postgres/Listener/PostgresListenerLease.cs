using Dapper;
using EventBridge.Pipeline.Cluster;

namespace EventBridge.Storage.Postgres.Listener;

/// <summary>
/// <see cref="IListenerLease"/> as one row: taking, renewing and taking over are one upsert that PostgreSQL serialises on
/// the row, on the database's clock only, so replicas whose clocks drift apart still agree who holds it.
/// </summary>
public sealed class PostgresListenerLease(PostgresListenerSchema tables) : IListenerLease
{
    private const string LeaseName = "listener";

    public bool IsShared => true;

    public async Task<ListenerLeaseTerm?> TryHoldAsync(string replica, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var connection = await tables.OpenAsync(cancellationToken);
        // The holder renews; anyone takes an expired lease, raising the epoch. A live lease of another changes nothing.
        var terms = await connection.QueryAsync<(long Epoch, double Remaining)>(new CommandDefinition(
            """
            INSERT INTO listener_lease AS l (name, holder, epoch, since, expires_at)
            VALUES (@Name, @Replica, 1, statement_timestamp(), statement_timestamp() + (@Duration * interval '1 second'))
            ON CONFLICT (name) DO UPDATE SET
                holder = EXCLUDED.holder,
                epoch = CASE WHEN l.holder = EXCLUDED.holder THEN l.epoch ELSE l.epoch + 1 END,
                since = CASE WHEN l.holder = EXCLUDED.holder THEN l.since ELSE EXCLUDED.since END,
                expires_at = EXCLUDED.expires_at
            WHERE l.holder = EXCLUDED.holder OR l.expires_at <= statement_timestamp()
            RETURNING epoch, EXTRACT(EPOCH FROM expires_at - statement_timestamp())::float8;
            """, new { Name = LeaseName, Replica = replica, Duration = duration.TotalSeconds }, cancellationToken: cancellationToken));
        return terms.AsList() is [var held] ? new ListenerLeaseTerm(held.Epoch, TimeSpan.FromSeconds(held.Remaining)) : null;
    }

    public async Task<ListenerLeaseHolder?> GetHolderAsync(CancellationToken cancellationToken)
    {
        await using var connection = await tables.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Holder, long Epoch, DateTime Since, DateTime ExpiresAt)>(new CommandDefinition(
            "SELECT holder, epoch, since, expires_at FROM listener_lease WHERE name = @Name AND expires_at > statement_timestamp();",
            new { Name = LeaseName }, cancellationToken: cancellationToken));
        return rows.AsList() is [var live]
            ? new ListenerLeaseHolder(live.Holder, live.Epoch, PostgresTime.FromUtc(live.Since), PostgresTime.FromUtc(live.ExpiresAt))
            : null;
    }

    public async Task ReleaseAsync(string replica, long epoch, CancellationToken cancellationToken)
    {
        await using var connection = await tables.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE listener_lease SET expires_at = statement_timestamp() WHERE name = @Name AND holder = @Replica AND epoch = @Epoch;",
            new { Name = LeaseName, Replica = replica, Epoch = epoch }, cancellationToken: cancellationToken));
    }
}
