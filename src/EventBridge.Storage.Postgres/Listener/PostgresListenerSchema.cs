using Npgsql;

namespace EventBridge.Storage.Postgres.Listener;

/// <summary>
/// The listener lease and the requests intake leaves for the holder (<see cref="PostgresListenerLease"/>,
/// <see cref="PostgresListenerInbox"/>), a component of its own in <c>eventbridge_schema_version</c>, migrated on first use.
/// </summary>
public sealed class PostgresListenerSchema(PostgresDatabase database) : IDisposable
{
    public const string Component = "listener";

    /// <summary>The channel a request's NOTIFY goes to: the holder LISTENs on it.</summary>
    public const string NotifyChannel = "eventbridge_listener";

    private static readonly string[] Migrations =
    [
        // 1: one lease row (name 'listener'); epoch rises with every take-over. One request per intent: the topics its
        // conversation needs and the epoch of the holder that subscribed them (null: nobody yet).
        """
        CREATE TABLE listener_lease (
            name       text        PRIMARY KEY,
            holder     text        NOT NULL,
            epoch      bigint      NOT NULL,
            since      timestamptz NOT NULL,
            expires_at timestamptz NOT NULL
        );
        CREATE TABLE listener_requests (
            intent_id     uuid        PRIMARY KEY,
            topics        text[]      NOT NULL,
            requested_at  timestamptz NOT NULL DEFAULT now(),
            handled_epoch bigint      NULL,
            covered       boolean     NULL
        );
        CREATE INDEX listener_requests_by_age ON listener_requests (requested_at);
        """,
        // 2: the conversation, so the holder can answer with its snapshot of it (a stand-by then needs no REST read);
        // listening false: only that snapshot is asked for, the intent is not examined yet and must not be acted on.
        """
        ALTER TABLE listener_requests ADD COLUMN conversation_id text NULL;
        ALTER TABLE listener_requests ADD COLUMN snapshot text NULL;
        ALTER TABLE listener_requests ADD COLUMN listening boolean NOT NULL DEFAULT true;
        """,
    ];

    private readonly PostgresSchemaOnFirstUse _tables = new(database, Component, Migrations);

    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _tables.OpenAsync(cancellationToken);

    public void Dispose() => _tables.Dispose();
}
