using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>
/// Several threads and two store instances on one database, as two workers (or a worker and its restart) would be: on one
/// SQLite file, and on one PostgreSQL database as two replicas of a cluster.
/// </summary>
[TestFixtureSource(typeof(StoreEngines), nameof(StoreEngines.All))]
public sealed class When_many_workers_race_for_one_participant(StoreEngine engine)
{
    private const int Racers = 50;

    private IStoreTestDatabase _database = null!;
    private IIntentStore[] _stores = null!;

    [SetUp]
    public async Task Open()
    {
        _database = engine == StoreEngine.Sqlite ? new TestDatabase() : new PostgresTestDatabase();
        _stores = [await _database.OpenIntentStoreAsync(), await _database.OpenIntentStoreAsync()];
    }

    [TearDown]
    public void Delete() => _database.Dispose();

    [Test]
    public async Task Should_let_exactly_one_claim_win()
    {
        // Different targets (user ids), so none supersedes another; all resolve to the same agent participant.
        var intents = Enumerable.Range(0, Racers).Select(i => TestIntents.Pending(userId: $"user-{i}")).ToList();
        foreach (var intent in intents) await _stores[0].RegisterAsync(intent);

        var claims = await Task.WhenAll(intents.Select((intent, i) => Task.Run(() =>
            _stores[i % 2].TryClaimAsync(TestIntents.Claim(intent.IntentId, owner: $"worker-{i % 2}")))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(claims.Count(won => won.Claimed), Is.EqualTo(1));
            Assert.That(await _database.QueryScalarAsync<long>("SELECT COUNT(*) FROM intents WHERE status = 'Applying'"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_store_a_redelivered_intent_once()
    {
        var intent = TestIntents.Pending();

        var registrations = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i => Task.Run(() => _stores[i % 2].RegisterAsync(intent))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(registrations.Count(r => r.IsNew), Is.EqualTo(1));
            Assert.That(registrations.Select(r => r.Intent), Is.All.EqualTo(intent));
            Assert.That(await _database.QueryScalarAsync<long>("SELECT COUNT(*) FROM intents"), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_leave_one_pending_intent_per_target()
    {
        var intents = Enumerable.Range(0, Racers).Select(_ => TestIntents.Pending(participantId: "participant-1")).ToList();

        var registrations = await Task.WhenAll(intents.Select((intent, i) => Task.Run(() => _stores[i % 2].RegisterAsync(intent))));
        var open = await _stores[0].GetOpenAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(open, Has.Count.EqualTo(1));
            Assert.That(registrations.SelectMany(r => r.Replaced).Select(r => r.IntentId),
                Is.EquivalentTo(intents.Select(i => i.IntentId).Where(id => id != open[0].IntentId)), "each older intent superseded exactly once");
        }
    }
}
