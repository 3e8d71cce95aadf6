using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>
/// Notifications are best effort: with every one of them dropped, reconciliation over REST alone must apply the code —
/// and the settle must say reconciliation started it, so this test cannot pass on the event path by accident (the
/// event-only tests, with reconciliation of quiet intents off, are its mirror).
/// </summary>
[TestFixture]
public sealed class When_no_notification_reaches_the_worker : PipelineTest
{
    protected override async Task<PipelineHost> StartAsync()
    {
        var pipeline = await PipelineHost.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(50) },
            new Dictionary<string, string?> { ["WrapUp:ReconcileAfter"] = "00:00:01" });
        pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults { DropShare = 1.0 });
        return pipeline;
    }

    [Test]
    public async Task Should_apply_the_code_by_reconciliation_alone()
    {
        var sim = Pipeline.Simulator;
        var metrics = Pipeline.Services.GetRequiredService<WrapUpMetrics>();
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved");
        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        var before = metrics.Settles;

        sim.Control.CustomerEnds(conversation.ConversationId);
        await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var settles = metrics.Settles;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sim.WrapupsOf(conversation.ConversationId).Single().CodeId, Is.EqualTo(SeedData.ResolvedCodeId));
            Assert.That(settles.StartedInProcessBy(SettleTriggers.Event) - before.StartedInProcessBy(SettleTriggers.Event), Is.Zero,
                "no event reached the worker");
            Assert.That(settles.Of(SettleCounts.QueuePath, SettleTriggers.Reconcile) - before.Of(SettleCounts.QueuePath, SettleTriggers.Reconcile),
                Is.GreaterThan(0), "reconciliation re-read the quiet intent and settled it");
        }
    }
}
