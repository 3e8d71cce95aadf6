using Microsoft.Data.Sqlite;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// The intent store's schema as ordered migrations; version N is script N. Append only: a script that ever shipped
/// never changes, because databases out there already ran it. A later version adds columns with a new script.
/// </summary>
internal static class SqliteIntentSchema
{
    private static readonly string[] Migrations =
    [
        // 1: the intents table. The partial unique index is the last line of defence for "one wrap-up per conversation
        // and agent participant": a second Applying/Applied intent for the same pair cannot be written, whatever the code.
        """
        CREATE TABLE intents (
            intent_id              TEXT NOT NULL PRIMARY KEY,
            conversation_id        TEXT NOT NULL,
            target_key             TEXT NOT NULL,
            requested_code         TEXT NOT NULL,
            code_id                TEXT NULL,
            code_name              TEXT NULL,
            notes                  TEXT NULL,
            participant_id         TEXT NULL,
            user_id                TEXT NULL,
            disconnect             INTEGER NOT NULL CHECK (disconnect IN (0, 1)),
            requested_by           TEXT NULL,
            deadline               TEXT NOT NULL,
            status                 TEXT NOT NULL CHECK (status IN ('Pending', 'Applying', 'Applied', 'Failed')),
            received_at            TEXT NOT NULL,
            updated_at             TEXT NOT NULL,
            applied_participant_id TEXT NULL,
            communication_id       TEXT NULL,
            applied_via            TEXT NULL,
            acw_started_at         TEXT NULL,
            completed_at           TEXT NULL,
            failure_reason         TEXT NULL,
            failure_detail         TEXT NULL,
            superseded_by          TEXT NULL,
            -- NULLs never collide in a unique index, so a claim without a participant would slip past it.
            CHECK (status NOT IN ('Applying', 'Applied') OR applied_participant_id IS NOT NULL)
        );
        CREATE INDEX ix_intents_conversation_status ON intents (conversation_id, status);
        CREATE INDEX ix_intents_status_deadline ON intents (status, deadline);
        CREATE UNIQUE INDEX ux_intents_one_wrap_up_per_participant ON intents (conversation_id, applied_participant_id)
            WHERE status IN ('Applying', 'Applied');
        """,
        // 2: the attempt journal, one row per Genesys call made for an intent (IIntentAttemptJournal). No foreign key:
        // a journal row must never make an apply fail, and rows are only ever read by intent id.
        """
        CREATE TABLE intent_attempts (
            attempt_id  INTEGER PRIMARY KEY AUTOINCREMENT,
            intent_id   TEXT NOT NULL,
            at          TEXT NOT NULL,
            action      TEXT NOT NULL,
            outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
            http_status INTEGER NULL,
            detail      TEXT NOT NULL
        );
        CREATE INDEX ix_intent_attempts_intent_id ON intent_attempts (intent_id, at);
        """,
        // 3: when EventBridge disconnected the agent for the intent. A resent or redelivered intent must not disconnect
        // again: Genesys refuses a second disconnect of a participant no longer active (403), and every refusal spends
        // the request budget the applies need.
        """
        ALTER TABLE intents ADD COLUMN disconnected_at TEXT NULL;
        """,
        // 4: who holds an Applying intent's claim, with which token, until when (IntentClaim). Workers sharing a store
        // must not both send a code; a claim written before this version has none and counts as expired.
        """
        ALTER TABLE intents ADD COLUMN claim_owner TEXT NULL;
        ALTER TABLE intents ADD COLUMN claim_token TEXT NULL;
        ALTER TABLE intents ADD COLUMN claim_expires_at TEXT NULL;
        """,
        // 5: retention (RetentionSweeper) deletes finished intents and old attempts by age in small batches; without
        // these each batch would scan the whole table while the pipeline waits for the write lock.
        """
        CREATE INDEX ix_intents_status_updated_at ON intents (status, updated_at);
        CREATE INDEX ix_intent_attempts_at ON intent_attempts (at);
        """,
        // 6: the agent's queue, recorded when an agent was seen (claim or failure), so support can list a queue's
        // intents ("every failure in Sales this morning").
        """
        ALTER TABLE intents ADD COLUMN queue_id TEXT NULL;
        CREATE INDEX ix_intents_queue_received_at ON intents (queue_id, received_at);
        """,
        // 7: when the intent's outcome event went out (IntentOutcomes). The store makes an intent final before the
        // event is published; a process killed in between leaves a final intent nobody was told of, which the
        // OutcomeRepublisher finds by this column. Intents finished before this version were published.
        """
        ALTER TABLE intents ADD COLUMN outcome_published_at TEXT NULL;
        UPDATE intents SET outcome_published_at = updated_at WHERE status IN ('Applied', 'Failed');
        CREATE INDEX ix_intents_outcome_unpublished ON intents (updated_at)
            WHERE outcome_published_at IS NULL AND status IN ('Applied', 'Failed');
        """,
        // 8: what support reads in a story: when intake accepted the intent, and Genesys's own answer to a failed call
        // (code, message, contextId) kept apart from EventBridge's account of it, so a label can say "Genesys said".
        """
        ALTER TABLE intents ADD COLUMN accepted_at TEXT NULL;
        ALTER TABLE intent_attempts ADD COLUMN genesys_code TEXT NULL;
        ALTER TABLE intent_attempts ADD COLUMN genesys_message TEXT NULL;
        ALTER TABLE intent_attempts ADD COLUMN context_id TEXT NULL;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static Task<int> MigrateAsync(SqliteConnection connection, string databasePath, CancellationToken cancellationToken) =>
        SqliteMigrator.MigrateAsync(connection, Migrations, $"The intent store {databasePath}", cancellationToken);
}
