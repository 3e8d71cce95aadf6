using Npgsql;

namespace EventBridge.Storage.Postgres.DeadLetters;

/// <summary>
/// The dead letters and the support audit in PostgreSQL (append only, like the SQLite schema). Version 1 is the SQLite
/// schema at its version 2 in PostgreSQL's own types: uuid intent ids, timestamptz instants, boolean flags. Next to the
/// intent store's tables in the same database, as a component of its own in <c>eventbridge_schema_version</c>.
/// </summary>
internal static class PostgresDeadLetterSchema
{
    public const string Component = "dead-letters";

    private static readonly string[] Migrations =
    [
        // 1: letters and the audit. dedup_key makes a redelivered error-queue message (acked too late, after a crash
        // between commit and ack) one letter, whichever replica drains it. headers_json stays text: support sees the headers exactly as they were stored.
        """
        CREATE TABLE dead_letters (
            id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            dedup_key            text        NOT NULL,
            queue                text        NOT NULL,
            message_id           text        NULL,
            content_type         text        NULL,
            body                 text        NOT NULL,
            body_encoding        text        NOT NULL CHECK (body_encoding IN ('utf-8', 'base64')),
            body_bytes           integer     NULL,
            body_sha256          text        NULL,
            body_cut             boolean     NOT NULL DEFAULT false,
            headers_json         text        NOT NULL,
            fault_message        text        NULL,
            exception_type       text        NULL,
            retry_count          integer     NULL,
            fault_timestamp      text        NULL,
            failed_at            timestamptz NOT NULL,
            received_at          timestamptz NOT NULL,
            message_kind         text        NOT NULL,
            intent_id            uuid        NULL,
            conversation_id      text        NULL,
            wrap_up_code         text        NULL,
            notes                text        NULL,
            participant_id       text        NULL,
            user_id              text        NULL,
            disconnect           boolean     NULL,
            requested_by         text        NULL,
            reason               text        NOT NULL,
            status               text        NOT NULL CHECK (status IN ('Open', 'Retried', 'Archived')),
            retried_as_intent_id uuid        NULL,
            resolved_at          timestamptz NULL,
            resolved_by          text        NULL,
            CHECK (status <> 'Retried' OR retried_as_intent_id IS NOT NULL)
        );
        CREATE UNIQUE INDEX ux_dead_letters_dedup_key ON dead_letters (dedup_key);
        CREATE INDEX ix_dead_letters_status_reason ON dead_letters (status, reason, failed_at);
        CREATE INDEX ix_dead_letters_reason_id ON dead_letters (reason, id);
        CREATE INDEX ix_dead_letters_intent ON dead_letters (intent_id);
        CREATE INDEX ix_dead_letters_retried_as ON dead_letters (retried_as_intent_id);

        CREATE TABLE audit_entries (
            id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at             timestamptz NOT NULL,
            actor          text        NOT NULL,
            action         text        NOT NULL,
            dead_letter_id bigint      NULL REFERENCES dead_letters (id),
            target         text        NOT NULL,
            before_json    text        NULL,
            after_json     text        NULL,
            comment        text        NULL
        );
        CREATE INDEX ix_audit_entries_dead_letter ON audit_entries (dead_letter_id, id);
        """,
        // 2: retention purges resolved letters but keeps the audit longer, so an audit entry must outlive its letter: no
        // foreign key any more. Identity ids are never reused, so the id of a purged letter still names only it.
        """
        ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS audit_entries_dead_letter_id_fkey;
        CREATE INDEX ix_audit_entries_at ON audit_entries (at);
        CREATE INDEX ix_dead_letters_resolved_at ON dead_letters (resolved_at) WHERE status IN ('Retried', 'Archived');
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static Task<int> MigrateAsync(NpgsqlConnection connection, string databaseName, CancellationToken cancellationToken) =>
        PostgresMigrator.MigrateAsync(connection, Component, Migrations, databaseName, cancellationToken);
}
