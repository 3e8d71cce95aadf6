namespace EventBridge.Storage.Postgres;

/// <summary>The shared request budget (<see cref="PostgresRequestLedger"/>), a component of its own in <c>eventbridge_schema_version</c>.</summary>
internal static class PostgresRequestBudgetSchema
{
    public const string Component = "request-budget";

    private static readonly string[] Migrations =
    [
        // 1: one row per OAuth client id (not a secret: it names the client, it does not sign in). A new row's slot and
        // pause are "now": a full burst, no pause. booked counts the permits granted, by every replica, ever.
        """
        CREATE TABLE request_budgets (
            budget_key   text        PRIMARY KEY,
            next_slot    timestamptz NOT NULL DEFAULT now(),
            paused_until timestamptz NOT NULL DEFAULT now(),
            booked       bigint      NOT NULL DEFAULT 0
        );
        """,
    ];

    /// <summary>The table, migrated when the ledger first opens a connection.</summary>
    public static PostgresSchemaOnFirstUse OnFirstUse(PostgresDatabase database) => new(database, Component, Migrations);
}
