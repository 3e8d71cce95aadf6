using EventBridge.Pipeline.Storage;
using Microsoft.Data.Sqlite;

namespace EventBridge.DeadLetters.Storage;

/// <summary>
/// The dead-letter database as ordered migrations; version N is script N. Append only: a shipped script never
/// changes, a later version adds a script.
/// </summary>
internal static class SqliteDeadLetterSchema
{
    private static readonly string[] Migrations =
    [
        // 1: letters and the audit. dedup_key makes a redelivered error-queue message (acked too late, after a crash
        // between commit and ack) one letter; the audit refers to letters (until version 3 by a foreign key).
        """
        CREATE TABLE dead_letters (
            id                   INTEGER PRIMARY KEY AUTOINCREMENT,
            dedup_key            TEXT NOT NULL,
            queue                TEXT NOT NULL,
            message_id           TEXT NULL,
            content_type         TEXT NULL,
            body                 TEXT NOT NULL,
            body_encoding        TEXT NOT NULL CHECK (body_encoding IN ('utf-8', 'base64')),
            headers_json         TEXT NOT NULL,
            fault_message        TEXT NULL,
            exception_type       TEXT NULL,
            retry_count          INTEGER NULL,
            fault_timestamp      TEXT NULL,
            failed_at            TEXT NOT NULL,
            received_at          TEXT NOT NULL,
            message_kind         TEXT NOT NULL,
            intent_id            TEXT NULL,
            conversation_id      TEXT NULL,
            wrap_up_code         TEXT NULL,
            notes                TEXT NULL,
            participant_id       TEXT NULL,
            user_id              TEXT NULL,
            disconnect           INTEGER NULL,
            requested_by         TEXT NULL,
            reason               TEXT NOT NULL,
            status               TEXT NOT NULL CHECK (status IN ('Open', 'Retried', 'Archived')),
            retried_as_intent_id TEXT NULL,
            resolved_at          TEXT NULL,
            resolved_by          TEXT NULL,
            CHECK (status <> 'Retried' OR retried_as_intent_id IS NOT NULL)
        );
        CREATE UNIQUE INDEX ux_dead_letters_dedup_key ON dead_letters (dedup_key);
        CREATE INDEX ix_dead_letters_status_reason ON dead_letters (status, reason, failed_at);
        CREATE INDEX ix_dead_letters_reason_id ON dead_letters (reason, id);
        CREATE INDEX ix_dead_letters_intent ON dead_letters (intent_id);
        CREATE INDEX ix_dead_letters_retried_as ON dead_letters (retried_as_intent_id);

        CREATE TABLE audit_entries (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            at             TEXT NOT NULL,
            actor          TEXT NOT NULL,
            action         TEXT NOT NULL,
            dead_letter_id INTEGER NULL REFERENCES dead_letters (id),
            target         TEXT NOT NULL,
            before_json    TEXT NULL,
            after_json     TEXT NULL,
            comment        TEXT NULL
        );
        CREATE INDEX ix_audit_entries_dead_letter ON audit_entries (dead_letter_id, id);
        """,
        // 2: a huge body is kept as its first bytes; its size and hash say what arrived. Older letters have no size.
        """
        ALTER TABLE dead_letters ADD COLUMN body_bytes INTEGER NULL;
        ALTER TABLE dead_letters ADD COLUMN body_sha256 TEXT NULL;
        ALTER TABLE dead_letters ADD COLUMN body_cut INTEGER NOT NULL DEFAULT 0;
        """,
        // 3: retention purges resolved letters but keeps the audit longer, so an audit entry must outlive its letter: the
        // table is rebuilt without the foreign key (SQLite cannot drop one in place). Letter ids are never reused
        // (AUTOINCREMENT), so the id of a purged letter still names only it.
        """
        CREATE TABLE audit_entries_kept (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            at             TEXT NOT NULL,
            actor          TEXT NOT NULL,
            action         TEXT NOT NULL,
            dead_letter_id INTEGER NULL,
            target         TEXT NOT NULL,
            before_json    TEXT NULL,
            after_json     TEXT NULL,
            comment        TEXT NULL
        );
        INSERT INTO audit_entries_kept (id, at, actor, action, dead_letter_id, target, before_json, after_json, comment)
            SELECT id, at, actor, action, dead_letter_id, target, before_json, after_json, comment FROM audit_entries;
        DROP TABLE audit_entries;
        ALTER TABLE audit_entries_kept RENAME TO audit_entries;
        CREATE INDEX ix_audit_entries_dead_letter ON audit_entries (dead_letter_id, id);
        CREATE INDEX ix_audit_entries_at ON audit_entries (at);
        CREATE INDEX ix_dead_letters_status_resolved_at ON dead_letters (status, resolved_at);
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static Task<int> MigrateAsync(SqliteConnection connection, string databasePath, CancellationToken cancellationToken) =>
        SqliteMigrator.MigrateAsync(connection, Migrations, $"The dead-letter database {databasePath}", cancellationToken);
}
