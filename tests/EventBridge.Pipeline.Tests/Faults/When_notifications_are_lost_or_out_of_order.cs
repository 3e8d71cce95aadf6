using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>Genesys delivery is best effort: events go missing, repeat and arrive out of order.</summary>
[TestFixture]
public sealed class When_notifications_are_lost_or_out_of_order
{
    [Test]
    public async Task Should_apply_every_intent_once_when_a_fifth_of_the_notifications_are_dropped()
    {
        // Only the queue topic, and every agent enters wrap-up after its intent: each dropped ACW event is a real miss.
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 2001),
            FaultLoad.Settings(TimeSpan.FromSeconds(1), new Dictionary<string, string?> { ["WrapUp:SubscribeAgentTopics"] = "false" }));
        pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults { DropShare = 0.2 });

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("notifications dropped", 40) { EndFirstEvery = 0 });

        result.Report($"20 % of notifications dropped (seed 2001), queue topic only, every ACW after its intent; ReconcileAfter 1 s; " +
            $"{ConversationReads(result)} conversation reads");
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

        result.Report($"30 % duplicated, 30 % reordered, 20 % delayed 400 ms (seed 2002); {ConversationReads(result)} conversation reads");
    }

    internal static int ConversationReads(LoadResult result) =>
        result.Oracle.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/api/v2/conversations/", StringComparison.Ordinal));
}
