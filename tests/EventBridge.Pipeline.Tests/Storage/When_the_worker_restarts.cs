using EventBridge.Pipeline.Storage;

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
        await before.TryClaimAsync(applying.IntentId, "participant-1", "comm-1", null, TestIntents.Now);
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
    public async Task Should_still_allow_one_wrap_up_per_participant()
    {
        var before = await _database.OpenStoreAsync();
        var claimed = TestIntents.Pending(userId: "user-1");
        var rival = TestIntents.Pending(participantId: "participant-1");
        await before.RegisterAsync(claimed);
        await before.RegisterAsync(rival);
        await before.TryClaimAsync(claimed.IntentId, "participant-1", "comm-1", null, TestIntents.Now);
        before.Dispose();

        var after = await _database.OpenStoreAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await after.TryClaimAsync(claimed.IntentId, "participant-1", "comm-1", null, TestIntents.Now), Is.True, "redelivery after a crash");
            Assert.That(await after.TryClaimAsync(rival.IntentId, "participant-1", "comm-1", null, TestIntents.Now), Is.False);
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
                Is.EquivalentTo(new[] { "ix_intents_conversation_status", "ix_intents_status_deadline", "ux_intents_one_wrap_up_per_participant" }));
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
}
