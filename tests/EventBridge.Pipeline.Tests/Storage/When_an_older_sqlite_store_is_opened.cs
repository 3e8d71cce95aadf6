using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>SQLite files written by an older worker: the journal and later columns are added, and the data stays.</summary>
public sealed class When_an_older_sqlite_store_is_opened
{
    private TestDatabase _database = null!;
    private SqliteIntentStore _store = null!;

    [SetUp]
    public async Task OpenStore()
    {
        _database = new TestDatabase();
        _store = await _database.OpenStoreAsync();
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task Should_live_in_the_intent_store_file_with_an_index_on_the_intent()
    {
        var index = await _database.QueryScalarAsync<string>(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'ix_intent_attempts_intent_id';");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await _database.QueryScalarAsync<long>("SELECT MAX(version) FROM schema_version;"), Is.EqualTo(SqliteIntentSchema.LatestVersion));
            Assert.That(index, Does.Contain("(intent_id"));
        }
    }

    [Test]
    public async Task Should_be_added_to_a_store_that_has_only_the_first_schema()
    {
        // A database written by a worker before the journal existed: version 1, no attempts table.
        var intent = TestIntents.Pending();
        await _store.RegisterAsync(intent);
        var finished = TestIntents.Pending("conv-2");
        await _store.RegisterAsync(finished);
        await _store.TryCompleteAsync(finished.IntentId, TestIntents.Failed());
        await _database.ExecuteAsync("ALTER TABLE intents DROP COLUMN accepted_at; DROP INDEX ix_intents_outcome_unpublished; ALTER TABLE intents DROP COLUMN outcome_published_at; " +
            "DROP TABLE intent_attempts; DROP INDEX ix_intents_status_updated_at; DROP INDEX ix_intents_queue_received_at; " +
            "ALTER TABLE intents DROP COLUMN queue_id; ALTER TABLE intents DROP COLUMN disconnected_at; " +
            "ALTER TABLE intents DROP COLUMN claim_owner; ALTER TABLE intents DROP COLUMN claim_token; ALTER TABLE intents DROP COLUMN claim_expires_at; DELETE FROM schema_version WHERE version >= 2;");
        _store.Dispose();

        var restarted = await _database.OpenStoreAsync();
        var attempt = Attempt(intent.IntentId, TimeSpan.Zero, IntentAttempt.Disconnect, IntentAttempt.Ok, null, "after the upgrade");
        await _database.NewJournal().RecordAsync(attempt);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await restarted.FindAsync(intent.IntentId), Is.EqualTo(intent), "version 1 data survives the migration");
            Assert.That(await _database.NewJournal().GetAsync(intent.IntentId), Is.EqualTo(new[] { attempt }));
            Assert.That(await restarted.GetUnpublishedOutcomesAsync(TestIntents.Now.AddDays(1), 10), Is.Empty,
                "an intent finished before outcomes were recorded as published was published: it is not sent again");
        }
    }

    private static IntentAttempt Attempt(Guid intentId, TimeSpan after, string action, string outcome, int? status, string detail) => new()
    {
        IntentId = intentId, At = TestIntents.Now + after, Action = action, Outcome = outcome, HttpStatus = status, Detail = detail,
    };
}
