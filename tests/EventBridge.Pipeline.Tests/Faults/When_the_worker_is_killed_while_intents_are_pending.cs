using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// SIGKILL, then a restart on the same store: intents in flight (being disconnected, applied) and intents whose agents
/// enter wrap-up while no worker runs must all end applied, each exactly once.
/// </summary>
[TestFixture]
public sealed class When_the_worker_is_killed_while_intents_are_pending : ReliabilityScenarios
{
    private const int InFlight = 10;
    private const int Waiting = 10;

    [Test]
    public async Task Should_apply_every_intent_exactly_once_after_the_restart()
    {
        var vhost = await IsolatedVhost.CreateAsync("sigkill");
        var simulatorOptions = FaultLoad.Simulator(seed: 7001);
        simulatorOptions.DisconnectDelay = TimeSpan.FromMilliseconds(300);
        await using var sim = await GenesysSimulator.StartAsync(simulatorOptions);
        var database = Path.Combine(Path.GetTempPath(), $"eventbridge-sigkill-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>
        {
            ["RabbitMq__Uri"] = vhost.Uri.ToString(),
            ["Genesys__ApiBaseUrl"] = sim.BaseUri.ToString(),
            ["Genesys__ClientId"] = OAuthClientOptions.DemoClientId,
            ["Genesys__ClientSecret"] = OAuthClientOptions.DemoClientSecret,
            ["IntentStore__Path"] = database,
            ["WrapUp__QueueIds__0"] = SeedData.DemoQueueId,
        };
        // The worker process runs on its own defaults (budget, reconciliation), as the other rows do.
        var outcomes = new OutcomeCollector();
        await using var caller = await StartCallerAsync(vhost.Uri, outcomes);
        var bus = caller.GetRequiredService<IBusControl>();
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var port = WorkerProcess.FreePort();
            var first = WorkerProcess.Start("worker-1", port, settings);
            await WorkerProcess.WaitReadyAsync(first, port);

            var waiting = Enumerable.Range(0, Waiting).Select(_ => sim.ConnectedConversation()).ToList();
            var inFlight = Enumerable.Range(0, InFlight).Select(_ => sim.ConnectedConversation()).ToList();
            var intents = waiting.Select(c => Scenarios.IntentFor(c.ConversationId, "Resolved"))
                .Concat(inFlight.Select(c => Scenarios.IntentFor(c.ConversationId, "Escalated", disconnect: true))).ToList();
            foreach (var intent in intents.Take(Waiting)) await bus.Publish(intent);
            foreach (var intent in intents.Take(Waiting)) await outcomes.UntilAcceptedAsync(intent.IntentId);
            foreach (var intent in intents.Skip(Waiting)) await bus.Publish(intent);
            await Eventually.TrueAsync(() => intents.Any(i => outcomes.For(i.IntentId).OfType<WrapUpApplied>().Any()), Scenarios.Patience,
                "the first wrap-up, so the kill lands mid-flight");

            first.Dispose(); // Process.Kill: SIGKILL on Linux, no shutdown hooks run
            var appliedBeforeKill = intents.Count(i => outcomes.For(i.IntentId).OfType<WrapUpApplied>().Any());
            foreach (var conversation in waiting) sim.Control.CustomerEnds(conversation.ConversationId);

            using var second = WorkerProcess.Start("worker-2", port, settings);
            await WorkerProcess.WaitReadyAsync(second, port);
            foreach (var intent in intents) await outcomes.FinalAsync(intent.IntentId, TimeSpan.FromSeconds(60));

            var oracle = sim.Control.ReadOracle();
            var wrapups = oracle.Wrapups;
            var conversations = waiting.Concat(inFlight).ToList();
            var expectedCode = conversations.ToDictionary(c => c.ConversationId, c => waiting.Contains(c) ? SeedData.ResolvedCodeId : SeedData.EscalatedCodeId);
            var wrongCode = conversations.Count(c => wrapups.Where(w => w.ConversationId == c.ConversationId && w.ParticipantId == c.AgentParticipantId)
                .Select(w => w.CodeId).SingleOrDefault() != expectedCode[c.ConversationId]);
            var acwToApplied = MechanismReading.AcwToApplied(oracle, conversations.Select(c => (c.ConversationId, c.AgentParticipantId)).ToHashSet());
            var row = new ReliabilityRow(
                "worker killed (SIGKILL) and restarted",
                $"{Waiting} intents waiting for wrap-up, {InFlight} asking EventBridge to disconnect (in flight)",
                $"worker process killed after {appliedBeforeKill} of {intents.Count} were applied; the waiting agents entered wrap-up while no worker ran; restarted on the same store",
                intents.Count,
                Applied: intents.Count(i => outcomes.For(i.IntentId).OfType<WrapUpApplied>().Any()) - wrongCode,
                FailedAsExpected: 0,
                Duplicates: conversations.Count(c => oracle.RepeatsFor(c.ConversationId, c.AgentParticipantId) > 0),
                Lost: intents.Count(i => !outcomes.For(i.IntentId).Any(o => o is WrapUpApplied or WrapUpFailed)),
                Unexpected: intents.Count(i => outcomes.For(i.IntentId).OfType<WrapUpFailed>().Any()) + wrongCode,
                Seconds: Math.Round(watch.Elapsed.TotalSeconds, 1))
            {
                Mechanism = $"start-up reconciliation on the restarted worker; {wrongCode} agents with another code than their intent's; " +
                    $"{oracle.WrapupCalls.Count(c => expectedCode.ContainsKey(c.ConversationId))} wrap-up calls for {intents.Count} intents",
                AcwToAppliedP50 = MechanismReading.Percentile(acwToApplied, 0.50),
                AcwToAppliedP99 = MechanismReading.Percentile(acwToApplied, 0.99),
                MechanismCheck = "the kill landed while intents were pending",
                MechanismFired = appliedBeforeKill < intents.Count,
            };
            ReliabilityTable.Record(row);
            Assert.Multiple(() =>
            {
                Assert.That(appliedBeforeKill, Is.LessThan(intents.Count), "the kill must land while intents are pending");
                Assert.That(row.Kept, Is.True, $"every intent applied exactly once, none lost: {row}");
                foreach (var conversation in conversations)
                {
                    Assert.That(wrapups.Where(w => w.ConversationId == conversation.ConversationId).Select(w => w.CodeId),
                        Is.EqualTo(new[] { expectedCode[conversation.ConversationId] }),
                        $"conversation {conversation.ConversationId} must have exactly one wrap-up, with its intent's code");
                }
            });
        }
        finally
        {
            await bus.StopAsync();
            await vhost.DeleteAsync();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" }) File.Delete(file);
        }
    }

    private static async Task<ServiceProvider> StartCallerAsync(Uri broker, OutcomeCollector outcomes)
    {
        var provider = new ServiceCollection()
            .AddSingleton(outcomes)
            .AddMassTransit(bus =>
            {
                bus.AddConsumer<OutcomeConsumer>();
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(broker);
                    cfg.UseWrapUpTopology();
                    cfg.ReceiveEndpoint(TestBroker.UniqueQueue("sigkill-outcomes"), e =>
                    {
                        e.AutoDelete = true;
                        e.Durable = false;
                        e.ConfigureConsumer<OutcomeConsumer>(context);
                    });
                });
            })
            .BuildServiceProvider();
        await provider.GetRequiredService<IBusControl>().StartAsync();
        return provider;
    }
}
