using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Logging;

namespace EventBridge.Pipeline.Tests.Storage;

public sealed class When_the_worker_restarts
{
    private TestDatabase _database = null!;

    [SetUp]
    public void Create() => _database = new TestDatabase();

    [TearDown]
    public void Delete() => _database.Dispose();

    [Test]
    public async Task Should_find_everything_the_previous_run_stored()
    {
        var before = await _database.OpenStoreAsync();
        var pending = TestIntents.Pending("conv-1");
        var applying = TestIntents.Pending("conv-2", userId: "user-1");
        var applied = TestIntents.Pending("conv-3");
        foreach (var intent in new[] { pending, applying, applied }) await before.RegisterAsync(intent);
        await before.TryClaimAsync(TestIntents.Claim(applying.IntentId));
        await before.TryCompleteAsync(applied.IntentId, TestIntents.Applied("participant-9"));
        var expected = new[] { await before.FindAsync(pending.IntentId), await before.FindAsync(applying.IntentId), await before.FindAsync(applied.IntentId) };
        var expectedOpen = await before.GetOpenAsync();
        before.Dispose();

        var after = await _database.OpenStoreAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { await after.FindAsync(pending.IntentId), await after.FindAsync(applying.IntentId), await after.FindAsync(applied.IntentId) },
                Is.EqualTo(expected));
            Assert.That(await after.GetOpenAsync(), Is.EqualTo(expectedOpen));
        }
    }

    [Test]
    public async Task Should_reload_every_open_intent_into_the_index()
    {
        var before = await _database.OpenStoreAsync();
        // GUID conversation ids (kept as 16-byte keys) and text ones; two intents in one conversation; pages of 2 end on a
        // partial page.
        var shared = Guid.NewGuid().ToString("D");
        var intents = new[]
        {
            TestIntents.Pending(shared, participantId: "participant-1"),
            TestIntents.Pending(shared, participantId: "participant-2"),
            TestIntents.Pending(Guid.NewGuid().ToString("D"), userId: "user-1"),
            TestIntents.Pending("conv-text"),
            TestIntents.Pending(Guid.NewGuid().ToString("D")),
            TestIntents.Pending("conv-applied"),
            TestIntents.Pending("conv-failed"),
        };
        foreach (var intent in intents) await before.RegisterAsync(intent);
        await before.SetResolvedCodeAsync(intents[0].IntentId, "code-1", "Sale");
        await before.SetResolvedCodeAsync(intents[2].IntentId, "code-1", "Sale");
        await before.TryClaimAsync(TestIntents.Claim(intents[4].IntentId, "participant-4", communicationId: "comm-4"));
        await before.TryCompleteAsync(intents[5].IntentId, TestIntents.Applied("participant-5"));
        await before.TryCompleteAsync(intents[6].IntentId, TestIntents.Failed());
        var open = await before.GetOpenAsync();
        before.Dispose();

        var index = new PendingIntentIndex();
        var log = new RecordingLogger<IntentStoreInitializer>();
        await new IntentStoreInitializer(_database.NewStore(), index, log) { PageSize = 2 }.RunAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(open, Has.Count.EqualTo(5), "the applied and the failed intent are not open");
            Assert.That(index.IntentCount, Is.EqualTo(open.Count));
            Assert.That(index.All().Select(Matched), Is.EquivalentTo(open.Select(Matched)));
            foreach (var intent in open)
                Assert.That(index.For(intent.ConversationId).Select(Matched), Does.Contain(Matched(intent)), intent.ConversationId);
            Assert.That(index.For(shared), Has.Length.EqualTo(2));
            Assert.That(index.For("conv-applied"), Is.Empty);
            Assert.That(index.For("conv-failed"), Is.Empty);
            Assert.That(index.For(intents[2].ConversationId)[0].CodeName,
                Is.SameAs(index.For(shared).Single(i => i.IntentId == intents[0].IntentId).CodeName), "one shared string per code");
            Assert.That(log.Messages, Does.Contain("Intent store ready: 5 open intents reloaded"));
        }
    }

    [Test]
    public async Task Should_reload_an_open_set_that_fills_its_last_page()
    {
        var before = await _database.OpenStoreAsync();
        var intents = Enumerable.Range(0, 4).Select(i => TestIntents.Pending($"conv-{i}")).ToList();
        foreach (var intent in intents) await before.RegisterAsync(intent);
        before.Dispose();

        var index = new PendingIntentIndex();
        await new IntentStoreInitializer(_database.NewStore(), index, new RecordingLogger<IntentStoreInitializer>()) { PageSize = 2 }
            .RunAsync(CancellationToken.None);

        Assert.That(index.All().Select(i => i.IntentId), Is.EquivalentTo(intents.Select(i => i.IntentId)));
    }

    [Test]
    public async Task Should_still_allow_one_wrap_up_per_participant()
    {
        var before = await _database.OpenStoreAsync();
        var claimed = TestIntents.Pending(userId: "user-1");
        var rival = TestIntents.Pending(participantId: "participant-1");
        await before.RegisterAsync(claimed);
        await before.RegisterAsync(rival);
        await before.TryClaimAsync(TestIntents.Claim(claimed.IntentId));
        before.Dispose();

        var after = await _database.OpenStoreAsync();

        using (Assert.EnterMultipleScope())
        {
            // The same process identity only in this test: a restarted worker is a new replica and waits for the expiry.
            Assert.That((await after.TryClaimAsync(TestIntents.Claim(claimed.IntentId))).Claimed, Is.True, "redelivery after a crash");
            Assert.That((await after.TryClaimAsync(TestIntents.Claim(rival.IntentId))).Outcome, Is.EqualTo(IntentClaimOutcome.Refused));
        }
    }

    [Test]
    public async Task Should_initialize_again_without_harm()
    {
        var first = await _database.OpenStoreAsync();
        var intent = TestIntents.Pending();
        await first.RegisterAsync(intent);

        await first.InitializeAsync();
        var second = await _database.OpenStoreAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await _database.QueryAsync<long>("SELECT version FROM schema_version"),
                Is.EqualTo(Enumerable.Range(1, SqliteIntentSchema.LatestVersion).Select(version => (long)version)), "each script once");
            Assert.That(await _database.QueryScalarAsync<string>("SELECT applied_at FROM schema_version"), Does.Match(@"^\d{4}-\d\d-\d\dT"));
            Assert.That(await second.FindAsync(intent.IntentId), Is.EqualTo(intent));
        }
    }

    [Test]
    public async Task Should_keep_the_file_in_wal_mode_with_its_indexes()
    {
        await _database.OpenStoreAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await _database.QueryScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
            Assert.That(await _database.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'intents' AND sql IS NOT NULL"),
                Is.EquivalentTo(new[] { "ix_intents_conversation_status", "ix_intents_status_deadline", "ux_intents_one_wrap_up_per_participant", "ix_intents_status_updated_at", "ix_intents_queue_received_at",
                    "ix_intents_outcome_unpublished" }));
        }
    }

    [Test]
    public async Task Should_refuse_a_database_from_a_newer_version()
    {
        await _database.OpenStoreAsync();
        await _database.ExecuteAsync("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => _database.NewStore().InitializeAsync());

        Assert.That(failure!.Message, Does.Contain("99").And.Contain(_database.FilePath));
    }

    /// <summary>What matching needs of an intent; the rest is not in the index.</summary>
    private static (Guid, string, string?, string?, string?, string?) Matched(StoredIntent intent) =>
        (intent.IntentId, intent.ConversationId, intent.ParticipantId, intent.UserId, intent.CodeId, intent.CodeName);

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
