using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Pipeline.Tests.Listening;

/// <summary>
/// After a gap every open intent must be re-read. The sweeper walks the store in pages and keeps going, paced by the
/// request budget, until none is left — it does not wait a whole sweep interval per <c>MaxReconcilesPerSweep</c> intents.
/// </summary>
public sealed class When_a_gap_leaves_a_backlog_of_intents(StoreEngine engine) : StoreTest(engine)
{
    private const int Intents = 50;

    private FakeTimeProvider _time = null!;
    private ServiceProvider _genesys = null!;
    private RecordingSendEndpoint _bus = null!;
    private ReconcileSignal _gaps = null!;
    private ConversationSnapshots _snapshots = null!;
    private List<StoredIntent> _registered = null!;

    [SetUp]
    public async Task RegisterIntents()
    {
        _time = new FakeTimeProvider(TestIntents.Now);
        _registered = [];
        for (var i = 0; i < Intents; i++)
        {
            var intent = TestIntents.Pending($"conv-{i}", receivedAfter: TimeSpan.FromMilliseconds(i), deadlineIn: TimeSpan.FromHours(1));
            await Store.RegisterAsync(intent);
            _registered.Add(intent);
        }

        // 600 requests/min: a bucket of 100 permits, 50 of them kept for wrap-ups; reconciliation may use the other 50.
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time);
        services.AddGenesysClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genesys:ClientId"] = "client", ["Genesys:ClientSecret"] = "secret", ["Genesys:RequestsPerMinute"] = "600",
        }).Build());
        _genesys = services.BuildServiceProvider();
        // Builds the API client's handler pipeline, and with it the budget (the first Genesys call does that in the worker).
        _ = _genesys.GetRequiredService<IHttpClientFactory>().CreateClient(GenesysApiClient.HttpClientName);
        _bus = new RecordingSendEndpoint();
        _gaps = new ReconcileSignal();
        _snapshots = new ConversationSnapshots(_gaps, Options.Create(new WrapUpPipelineOptions()), _time);
        _time.Advance(TimeSpan.FromSeconds(1));
    }

    [TearDown]
    public void DisposeGenesys() => _genesys.Dispose();

    [Test]
    public async Task Should_reconcile_every_open_intent_once_in_budgeted_sweeps()
    {
        var sweeper = NewSweeper(TimeSpan.FromSeconds(5));

        var first = await sweeper.ReconcileOnceAsync(CancellationToken.None);
        var afterFirst = Reconciled().Count;
        _time.Advance(IntentSweeper.BacklogPause);
        var second = await sweeper.ReconcileOnceAsync(CancellationToken.None);
        var afterSecond = Reconciled().Count;
        _time.Advance(IntentSweeper.BacklogPause);
        var third = await sweeper.ReconcileOnceAsync(CancellationToken.None);
        var afterThird = Reconciled().Count;
        _time.Advance(TimeSpan.FromSeconds(1));
        var fourth = await sweeper.ReconcileOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { first, second }, Is.All.True, "a backlog remains after each of the first two sweeps");
            // MaxReconcilesPerSweep (20) per sweep, and no more than the 50 spare permits less the 40 reads still in flight.
            Assert.That(new[] { afterFirst, afterSecond, afterThird }, Is.EqualTo(new[] { 20, 40, 50 }));
            Assert.That(third, Is.False, "the pass reached the end of the open set");
            Assert.That(fourth, Is.False);
            Assert.That(Reconciled(), Is.EqualTo(_registered.Select(i => i.IntentId)), "each once, oldest first");
        });
    }

    [Test]
    public async Task Should_keep_sweeping_without_waiting_for_the_sweep_interval()
    {
        var sweeper = NewSweeper(TimeSpan.FromHours(1));
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            _gaps.Raise("test: socket closed");
            var advanced = TimeSpan.Zero;
            await Eventually.TrueAsync(() =>
            {
                _time.Advance(IntentSweeper.BacklogPause);
                advanced += IntentSweeper.BacklogPause;
                return Reconciled().Count >= Intents;
            }, TimeSpan.FromSeconds(30), "every open intent to be reconciled");

            Assert.Multiple(() =>
            {
                Assert.That(advanced, Is.LessThan(TimeSpan.FromMinutes(1)), "no sweep interval (1 h) went by");
                Assert.That(Reconciled(), Is.Unique);
                Assert.That(Reconciled(), Is.EquivalentTo(_registered.Select(i => i.IntentId)));
            });
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Should_read_first_the_agents_whose_acw_times_out_soonest()
    {
        // The last snapshots seen: five agents with a 5 s ACW timeout, one with 60 s, the rest with none known.
        foreach (var (i, timeoutMs) in new[] { (44, 5_004), (30, 5_000), (41, 5_001), (35, 5_003), (33, 5_002), (20, 60_000) })
            _snapshots.Record(AgentWithAcwTimeout($"conv-{i}", timeoutMs));
        _gaps.Raise("test: socket closed");
        var sweeper = NewSweeper(TimeSpan.FromSeconds(5));

        await sweeper.ReconcileOnceAsync(CancellationToken.None);
        var first = Reconciled();
        for (var sweep = 0; sweep < 10 && Reconciled().Count < Intents; sweep++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await sweeper.ReconcileOnceAsync(CancellationToken.None);
        }

        string[] soonest = ["conv-30", "conv-41", "conv-33", "conv-35", "conv-44", "conv-20"];
        Assert.Multiple(() =>
        {
            Assert.That(first.Take(6).Select(ConversationOf), Is.EqualTo(soonest), "the shortest ACW clocks first, in their order");
            Assert.That(first.Skip(6).Select(ConversationOf), Is.EqualTo(Enumerable.Range(0, 14).Select(i => $"conv-{i}")),
                "then the oldest of those without a known clock");
            Assert.That(Reconciled(), Is.Unique.And.EquivalentTo(_registered.Select(i => i.IntentId)), "every one read once in the end");
        });
    }

    private static Genesys.Models.Conversation AgentWithAcwTimeout(string conversationId, int timeoutMs) => new()
    {
        Id = conversationId,
        Participants = [new Genesys.Models.ConversationParticipant { Id = $"agent-of-{conversationId}", Purpose = "agent", WrapupTimeoutMs = timeoutMs }],
    };

    private string ConversationOf(Guid intentId) => _registered.Single(i => i.IntentId == intentId).ConversationId;

    private IntentSweeper NewSweeper(TimeSpan sweepInterval) => new(
        Store,
        new SettleRequests(_bus),
        _gaps,
        _genesys.GetRequiredService<RateBudgetState>(),
        _snapshots,
        Options.Create(new WrapUpPipelineOptions { DeadlineSweepInterval = sweepInterval, ReconcileAfter = TimeSpan.FromHours(1) }),
        _time,
        NullLogger<IntentSweeper>.Instance);

    private List<Guid> Reconciled() => [.. _bus.Sent.OfType<SettleWrapUpIntent>().Where(s => s.Trigger == "reconcile").Select(s => s.IntentId)];
}
