using System.Diagnostics;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Pipeline.Tests.Storage;
using EventBridge.Storage.Postgres;
using EventBridge.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Cluster;

/// <summary>
/// Genesys gives the OAuth client one budget, so replicas on one PostgreSQL draw on one budget there: together they get
/// one burst and one refill rate, a replica's reads never take a slot another replica's wrap-ups need, and a pause
/// Genesys orders one replica holds them all. Real time at 600/min (a slot every 100 ms, a burst of 100): the
/// assertions are lower bounds on when permits come, which a slow machine cannot break.
/// </summary>
public sealed class When_replicas_share_one_request_budget
{
    private const int RequestsPerMinute = 600;
    private const int Burst = RequestsPerMinute / 6;
    private static readonly TimeSpan Slot = TimeSpan.FromMinutes(1) / RequestsPerMinute;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private PostgresTestDatabase _database = null!;
    private readonly List<IDisposable> _replicas = [];

    [SetUp]
    public void Create() => _database = new PostgresTestDatabase();

    [TearDown]
    public void Drop()
    {
        foreach (var replica in _replicas) replica.Dispose();
        _database.Dispose();
    }

    [Test]
    public async Task Should_give_two_replicas_one_burst_and_one_refill_rate_between_them()
    {
        var (first, second) = (NewReplica(), NewReplica());
        var clock = Stopwatch.StartNew();

        // Each replica alone could grant its 70 at once (its own burst is 100); together they are 40 over one burst.
        var grants = await Task.WhenAll(Enumerable.Range(0, 140).Select(async i =>
        {
            using var lease = await (i % 2 == 0 ? first : second).AcquireAsync(GenesysCallPriority.WrapUp(null), CancellationToken.None);
            Assert.That(lease.IsAcquired, Is.True);
            return clock.Elapsed;
        }));

        var inOrder = grants.Order().ToList();
        for (var k = Burst; k < inOrder.Count; k++)
            Assert.That(inOrder[k], Is.GreaterThanOrEqualTo(Slot * (k - Burst + 1) - TimeSpan.FromMilliseconds(20)),
                $"permit {k + 1} of the two replicas together came before the shared budget had earned it");
    }

    [Test]
    public async Task Should_keep_one_replicas_reads_behind_another_replicas_wrap_ups()
    {
        var (applier, reader) = (NewReplica(), NewReplica());
        using (var before = await reader.AcquireAsync(GenesysCallPriority.Intake, CancellationToken.None, within: TimeSpan.FromSeconds(1)))
            Assert.That(before.IsAcquired, Is.True, "a read goes at once while the budget is idle");

        // 30 wrap-ups over the burst are booked about 3 s ahead; reads may only spend what is left above the wrap-ups' reserve.
        var wrapUps = Enumerable.Range(0, Burst + 30)
            .Select(_ => applier.AcquireAsync(GenesysCallPriority.WrapUp(DateTimeOffset.UtcNow.AddSeconds(30)), CancellationToken.None).AsTask())
            .ToList();
        await Eventually.GetAsync(async () => await SecondsBookedAheadAsync() > 10 ? "booked" : null, Patience, "the wrap-ups' bookings");

        using (var read = await reader.AcquireAsync(GenesysCallPriority.Intake, CancellationToken.None, within: TimeSpan.FromSeconds(1)))
            Assert.That(read.IsAcquired, Is.False, "the other replica's read must not take a slot booked for wrap-ups");
        using (var reconcile = await reader.AcquireAsync(GenesysCallPriority.Reconcile, CancellationToken.None, within: TimeSpan.FromSeconds(1)))
            Assert.That(reconcile.IsAcquired, Is.False);
        foreach (var lease in await Task.WhenAll(wrapUps))
            using (lease)
                Assert.That(lease.IsAcquired, Is.True);
    }

    [Test]
    public async Task Should_pause_every_replica_when_genesys_tells_one_to_wait()
    {
        var (throttled, other) = (NewReplica(), NewReplica());
        using (var before = await other.AcquireAsync(GenesysCallPriority.WrapUp(null), CancellationToken.None, within: TimeSpan.FromSeconds(2)))
            Assert.That(before.IsAcquired, Is.True, "a wrap-up goes at once before any pause");

        throttled.ObserveThrottled(TimeSpan.FromSeconds(30));
        await Eventually.GetAsync(async () => await _database.QueryScalarAsync<bool>(
            "SELECT paused_until > now() + interval '20 seconds' FROM request_budgets") ? "paused" : null, Patience, "the shared pause");

        using var lease = await other.AcquireAsync(GenesysCallPriority.WrapUp(null), CancellationToken.None, within: TimeSpan.FromSeconds(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lease.IsAcquired, Is.False, "a wrap-up on another replica waits out the pause Genesys ordered");
            Assert.That(other.State.PausedUntil, Is.Null, "the other replica never saw the 429 itself");
        }
    }

    [TestCase(RequestBudgetScope.Shared, true)]
    [TestCase(RequestBudgetScope.Process, false)]
    public void Should_share_the_budget_only_in_the_shared_scope(RequestBudgetScope scope, bool shared)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genesys:ClientId"] = "client",
            ["Genesys:ClientSecret"] = "secret",
            ["Genesys:BudgetScope"] = scope.ToString(),
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddGenesysClient(configuration)
            .AddSingleton<ISharedRequestLedger>(new PostgresRequestLedger(_database.NewDatabase()))
            .BuildServiceProvider();

        Assert.That(services.GetRequiredService<GenesysRequestBudget>().IsShared, Is.EqualTo(shared));
    }

    private GenesysRequestBudget NewReplica()
    {
        var budget = new GenesysRequestBudget(RequestsPerMinute, TimeProvider.System, new RateBudgetState(TimeProvider.System, RequestsPerMinute),
            new PostgresRequestLedger(_database.NewDatabase()), "the-oauth-client");
        _replicas.Add(budget);
        return budget;
    }

    private Task<double> SecondsBookedAheadAsync() =>
        _database.QueryScalarAsync<double>("SELECT COALESCE(MAX(EXTRACT(EPOCH FROM next_slot - now())), 0)::float8 FROM request_budgets");
}
