using Npgsql;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// The intent store's PostgreSQL schema as ordered migrations (append only, like the SQLite one). Version 1 is the SQLite
/// schema at its version 3 in PostgreSQL's own types: uuid ids, timestamptz instants (kept to the microsecond), a boolean
/// flag, and an identity column as the position the SQLite store takes from its rowid.
/// </summary>
internal static class PostgresIntentSchema
{
    public const string Component = "intents";

    private static readonly string[] Migrations =
    [
        // 1: intents and the attempt journal. The partial unique index is the last line of defence for "one wrap-up per
        // conversation and agent participant", across every replica writing to this database.
        """
        CREATE TABLE intents (
            position               bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
            intent_id              uuid        NOT NULL PRIMARY KEY,
            conversation_id        text        NOT NULL,
            target_key             text        NOT NULL,
            requested_code         text        NOT NULL,
            code_id                text        NULL,
            code_name              text        NULL,
            notes                  text        NULL,
            participant_id         text        NULL,
            user_id                text        NULL,
            disconnect             boolean     NOT NULL,
            requested_by           text        NULL,
            deadline               timestamptz NOT NULL,
            status                 text        NOT NULL CHECK (status IN ('Pending', 'Applying', 'Applied', 'Failed')),
            received_at            timestamptz NOT NULL,
            updated_at             timestamptz NOT NULL,
            applied_participant_id text        NULL,
            communication_id       text        NULL,
            applied_via            text        NULL,
            acw_started_at         timestamptz NULL,
            completed_at           timestamptz NULL,
            failure_reason         text        NULL,
            failure_detail         text        NULL,
            superseded_by          uuid        NULL,
            disconnected_at        timestamptz NULL,
            -- NULLs never collide in a unique index, so a claim without a participant would slip past it.
            CHECK (status NOT IN ('Applying', 'Applied') OR applied_participant_id IS NOT NULL)
        );
        CREATE INDEX ix_intents_conversation_status ON intents (conversation_id, status);
        CREATE INDEX ix_intents_status_deadline ON intents (status, deadline);
        CREATE INDEX ix_intents_open_position ON intents (position) WHERE status IN ('Pending', 'Applying');
        CREATE UNIQUE INDEX ux_intents_one_wrap_up_per_participant ON intents (conversation_id, applied_participant_id)
            WHERE status IN ('Applying', 'Applied');

        -- No foreign key: a journal row must never make an apply fail, and rows are only ever read by intent id.
        CREATE TABLE intent_attempts (
            attempt_id  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            intent_id   uuid        NOT NULL,
            at          timestamptz NOT NULL,
            action      text        NOT NULL,
            outcome     text        NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
            http_status integer     NULL,
            detail      text        NOT NULL
        );
        CREATE INDEX ix_intent_attempts_intent_id ON intent_attempts (intent_id, at);
        """,
        // 2: who holds an Applying intent's claim, with which token, until when (IntentClaim): replicas sharing this
        // database must not both send a code. A claim written before this version has none and counts as expired.
        """
        ALTER TABLE intents ADD COLUMN claim_owner text NULL;
        ALTER TABLE intents ADD COLUMN claim_token uuid NULL;
        ALTER TABLE intents ADD COLUMN claim_expires_at timestamptz NULL;
        """,
        // 3: retention (RetentionSweeper) deletes finished intents and old attempts by age in small batches, from every
        // replica; without these each batch would scan the whole table.
        """
        CREATE INDEX ix_intents_finished_updated_at ON intents (updated_at) WHERE status IN ('Applied', 'Failed');
        CREATE INDEX ix_intent_attempts_at ON intent_attempts (at);
        """,
        // 4: the agent's queue, recorded when an agent was seen (claim or failure), so support can list a queue's
        // intents ("every failure in Sales this morning").
        """
        ALTER TABLE intents ADD COLUMN queue_id text NULL;
        CREATE INDEX ix_intents_queue_received_at ON intents (queue_id, received_at);
        """,
        // 5: when the intent's outcome event went out (IntentOutcomes). The store makes an intent final before the
        // event is published; a replica killed in between leaves a final intent nobody was told of, which any
        // replica's OutcomeRepublisher finds by this column. Intents finished before this version were published.
        """
        ALTER TABLE intents ADD COLUMN outcome_published_at timestamptz NULL;
        UPDATE intents SET outcome_published_at = updated_at WHERE status IN ('Applied', 'Failed');
        CREATE INDEX ix_intents_outcome_unpublished ON intents (updated_at)
            WHERE outcome_published_at IS NULL AND status IN ('Applied', 'Failed');
        """,
        // 6: what support reads in a story: when intake accepted the intent, and Genesys's own answer to a failed call
        // (code, message, contextId) kept apart from EventBridge's account of it, so a label can say "Genesys said".
        """
        ALTER TABLE intents ADD COLUMN accepted_at timestamptz NULL;
        ALTER TABLE intent_attempts ADD COLUMN genesys_code text NULL;
        ALTER TABLE intent_attempts ADD COLUMN genesys_message text NULL;
        ALTER TABLE intent_attempts ADD COLUMN context_id text NULL;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static Task<int> MigrateAsync(NpgsqlConnection connection, string databaseName, CancellationToken cancellationToken) =>
        PostgresMigrator.MigrateAsync(connection, Component, Migrations, databaseName, cancellationToken);
}
