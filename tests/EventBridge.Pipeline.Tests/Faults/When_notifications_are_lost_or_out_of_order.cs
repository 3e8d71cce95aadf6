using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>Genesys delivery is best effort: events go missing, repeat and arrive out of order.</summary>
[TestFixture]
public sealed class When_notifications_are_lost_or_out_of_order : ReliabilityScenarios
{
    [Test]
    public async Task Should_apply_every_intent_once_when_a_fifth_of_the_notifications_are_dropped()
    {
        // Only the queue topic, and every agent enters wrap-up after its intent: each dropped ACW event is a real miss.
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 2001),
            FaultLoad.Settings(new Dictionary<string, string?> { ["WrapUp:SubscribeAgentTopics"] = "false" }));
        pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults { DropShare = 0.2 });

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("notifications dropped", 40) { EndFirstEvery = 0 });

        result.Report("20 % of notifications dropped (seed 2001), queue topic only, every ACW after its intent",
            "settles started by events > 0, and by an ACW follow-up read or reconciliation > 0",
            m => m.SettledByEvents > 0 && m.SettledByAcwFollowUp + m.SettledByReconciliation > 0);
    }

    [Test]
    public async Task Should_apply_every_intent_once_when_notifications_repeat_and_come_out_of_order()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 2002), FaultLoad.Settings());
        pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults
        {
            DuplicateShare = 0.3, ReorderShare = 0.3, DelayShare = 0.2, Delay = TimeSpan.FromMilliseconds(400),
        });

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("notifications duplicated, reordered, delayed", 40));

        result.Report("30 % duplicated, 30 % reordered, 20 % delayed 400 ms (seed 2002)",
            "settles started by events > 0", m => m.SettledByEvents > 0);
    }

    /// <summary>
    /// The control row: no notification reaches the worker for the whole run, so whatever it applies, reconciliation
    /// applied — at the same budget and settings as every other row. The difference between this row's ACW → applied
    /// and theirs is what the listener is worth.
    /// </summary>
    [Test]
    public async Task Should_apply_every_intent_once_by_reconciliation_alone_when_every_notification_is_dropped()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 2003), FaultLoad.Settings());
        pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults { DropShare = 1.0 });

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("control: every notification dropped", 30) { EndFirstEvery = 0, EndAfterAccepted = true });

        result.Report("100 % of notifications dropped for the whole run (control row: reconciliation only); every agent enters ACW after its intent was accepted",
            "no settle started by an event, and reconciliation settled the rest", m => m.SettledByEvents == 0 && m.SettledByReconciliation > 0);
    }
}
