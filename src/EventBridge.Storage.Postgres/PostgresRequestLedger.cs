using Dapper;
using EventBridge.Genesys.Http;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// <see cref="ISharedRequestLedger"/> on the replicas' database: one row per OAuth client holding the next slot and the
/// pause Genesys ordered. Each answer is one UPDATE that PostgreSQL serialises on the row (a concurrent one re-reads
/// the slot the other moved), and the database's clock is the only one used, so replicas whose clocks drift apart
/// still count one budget.
/// </summary>
public sealed class PostgresRequestLedger(PostgresDatabase database) : ISharedRequestLedger, IDisposable
{
    private readonly PostgresSchemaOnFirstUse _table = PostgresRequestBudgetSchema.OnFirstUse(database);
    private readonly HashSet<string> _readyKeys = [];

    public async ValueTask<LedgerAnswer> TryReserveAsync(string budgetKey, TimeSpan interval, TimeSpan tolerance, TimeSpan longestWait,
        CancellationToken cancellationToken)
    {
        await EnsureRowAsync(budgetKey, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Seconds, not TimeSpan: Dapper sends a TimeSpan as a time of day, which PostgreSQL cannot subtract from an instant.
        var parameters = new { Key = budgetKey, Interval = interval.TotalSeconds, Tolerance = tolerance.TotalSeconds, LongestWait = longestWait.TotalSeconds };
        // Booked: the slot this request takes is max(next slot, now); it may go once slot - tolerance has come.
        var ahead = await connection.ExecuteScalarAsync<double?>(new CommandDefinition(
            """
            UPDATE request_budgets
            SET next_slot = GREATEST(next_slot, statement_timestamp()) + (@Interval * interval '1 second'), booked = booked + 1
            WHERE budget_key = @Key
              AND paused_until <= statement_timestamp()
              AND next_slot - (@Tolerance * interval '1 second') - statement_timestamp() <= (@LongestWait * interval '1 second')
            RETURNING EXTRACT(EPOCH FROM next_slot - statement_timestamp())::float8;
            """, parameters, cancellationToken: cancellationToken));
        if (ahead is { } booked)
        {
            var aheadNow = TimeSpan.FromSeconds(booked);
            var wait = aheadNow - interval - tolerance;
            return new LedgerAnswer(true, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, aheadNow);
        }

        var (untilBookable, aheadOfNow) = await connection.QuerySingleAsync<(double, double)>(new CommandDefinition(
            """
            SELECT EXTRACT(EPOCH FROM GREATEST(next_slot - (@Tolerance * interval '1 second') - (@LongestWait * interval '1 second') - statement_timestamp(),
                                               paused_until - statement_timestamp(), interval '0'))::float8,
                   EXTRACT(EPOCH FROM GREATEST(next_slot - statement_timestamp(), interval '0'))::float8
            FROM request_budgets WHERE budget_key = @Key;
            """, parameters, cancellationToken: cancellationToken));
        return new LedgerAnswer(false, TimeSpan.FromSeconds(untilBookable), TimeSpan.FromSeconds(aheadOfNow));
    }

    public async ValueTask PauseAsync(string budgetKey, TimeSpan pause, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(budgetKey, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE request_budgets SET paused_until = GREATEST(paused_until, statement_timestamp() + (@Pause * interval '1 second'))
            WHERE budget_key = @Key;
            """, new { Key = budgetKey, Pause = pause.TotalSeconds }, cancellationToken: cancellationToken));
    }

    private async Task EnsureRowAsync(string budgetKey, CancellationToken cancellationToken)
    {
        lock (_readyKeys)
            if (_readyKeys.Contains(budgetKey))
                return;
        // Concurrent first calls insert the same row; ON CONFLICT makes the second one do nothing.
        await using var connection = await _table.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO request_budgets (budget_key) VALUES (@Key) ON CONFLICT (budget_key) DO NOTHING;",
            new { Key = budgetKey }, cancellationToken: cancellationToken));
        lock (_readyKeys)
            _readyKeys.Add(budgetKey);
    }

    public void Dispose() => _table.Dispose();
}
