using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Storage;
using EventBridge.Pipeline.Tests.Support;
using EventBridge.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>
/// A pending intent outlives its worker: on the SQLite file (the default), and on PostgreSQL
/// (<c>IntentStore:Provider</c> Postgres), where the whole pipeline — intake, claim, journal, start-up reload — runs on the
/// shared store and nothing is written to a local intent file.
/// </summary>
[TestFixtureSource(typeof(StoreEngines), nameof(StoreEngines.All))]
public sealed class When_the_worker_restarts_with_pending_intents(StoreEngine engine)
{
    private PostgresTestDatabase? _postgres;

    [SetUp]
    public void CreateDatabase() => _postgres = engine == StoreEngine.Postgres ? new PostgresTestDatabase() : null;

    [TearDown]
    public void DropDatabase() => _postgres?.Dispose();

    private Dictionary<string, string?>? Settings => _postgres is null ? null : new()
    {
        ["IntentStore:Provider"] = "Postgres",
        ["IntentStore:ConnectionString"] = _postgres.ConnectionString,
    };

    [Test]
    public async Task Should_apply_the_code_after_the_restart()
    {
        var first = await PipelineHost.StartAsync(settings: Settings);
        var conversation = first.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);
        await first.PublishAsync(intent);
        await first.Outcomes.UntilAcceptedAsync(intent.IntentId);
        var (simulator, databasePath) = await first.StopWorkerAsync();

        simulator.Control.CustomerEnds(conversation.ConversationId);
        await simulator.UntilAcwPendingAsync(conversation.ConversationId);
        await using var second = await PipelineHost.StartAsync(settings: Settings, simulator: simulator, databasePath: databasePath);
        var stored = await second.Store.FindAsync(intent.IntentId);
        Assert.That(stored?.Status, Is.EqualTo(IntentStatus.Pending), "the intent survived the restart in the store");

        // The ACW event was sent while no worker listened: reconciliation has to find it.
        var applied = await Eventually.GetAsync(async () =>
        {
            var now = await second.Store.FindAsync(intent.IntentId);
            return now?.Status == IntentStatus.Applied ? now : null;
        }, TimeSpan.FromSeconds(30), "the restarted worker to apply the pending intent");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(applied.AppliedParticipantId, Is.EqualTo(conversation.AgentParticipantId));
            Assert.That(simulator.WrapupsOf(conversation.ConversationId), Has.Count.EqualTo(1));
            Assert.That(await second.Services.GetRequiredService<IIntentAttemptJournal>().GetAsync(intent.IntentId),
                Has.Some.Matches<IntentAttempt>(a => a.Action.StartsWith("wrap-up", StringComparison.Ordinal) && a.Outcome == IntentAttempt.Ok),
                "the wrap-up call is in the journal of the same store");
            if (_postgres is not null)
            {
                Assert.That(second.Store, Is.InstanceOf<PostgresIntentStore>());
                Assert.That(await _postgres.QueryScalarAsync<string>("SELECT status FROM intents WHERE intent_id = @Id", new { Id = intent.IntentId }),
                    Is.EqualTo("Applied"), "the row is in PostgreSQL");
                Assert.That(File.Exists(databasePath), Is.False, "no local intent file was written");
            }
        }
    }
}
