using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Pipeline.Tests.Support;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// Sockets drop, go silent, are closed for maintenance, and channels expire. Whatever the listener does about it,
/// the promise must hold: what the socket missed, reconciliation over REST finds.
/// </summary>
[TestFixture]
public sealed class When_notification_sockets_fail
{
    // Publishing takes about 6 s and endings 3 s more, so every fault below hits the load several times.
    private static readonly TimeSpan SlowPace = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task Should_apply_every_intent_once_when_sockets_are_closed_every_few_seconds()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 4001), FaultLoad.Settings());
        var closed = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("sockets closed", 30) { Pace = SlowPace }, async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5), stop);
                closed += pipeline.Simulator.Control.CloseAllSockets();
            }
        });

        result.Report($"every open socket closed (unplanned) every 1.5 s: {closed} sockets closed");
    }

    [Test]
    public async Task Should_apply_every_intent_once_when_the_socket_goes_silent()
    {
        var options = FaultLoad.Simulator(seed: 4002);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
        await using var pipeline = await PipelineHost.StartAsync(options,
            FaultLoad.Settings(more: new Dictionary<string, string?> { ["Genesys:ChannelSilenceTimeout"] = "00:00:02" }));
        var silences = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("socket silent (heartbeats stopped)", 30) { Pace = SlowPace }, async stop =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    // A half-open socket: no heartbeat, no event, no close.
                    pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults { HeartbeatsStopped = true, DropShare = 1.0 });
                    silences++;
                    await Task.Delay(TimeSpan.FromSeconds(3), stop);
                    pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults());
                    await Task.Delay(TimeSpan.FromSeconds(2), stop);
                }
            }
            finally
            {
                pipeline.Simulator.Faults.SetNotificationFaults(new NotificationFaults());
            }
        });

        result.Report($"socket silent (heartbeats stopped, every event dropped) 3 s of every 5 s: {silences} silences; " +
            $"heartbeat 0.5 s, silence timeout 2 s; {When_notifications_are_lost_or_out_of_order.ConversationReads(result)} conversation reads");
    }

    [Test]
    public async Task Should_apply_every_intent_once_when_sockets_are_closed_for_maintenance()
    {
        var options = FaultLoad.Simulator(seed: 4003);
        options.SocketClosingLeadTime = TimeSpan.FromMilliseconds(500);
        await using var pipeline = await PipelineHost.StartAsync(options, FaultLoad.Settings());
        var planned = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("socket_closing (planned close)", 30) { Pace = SlowPace }, async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop);
                foreach (var channel in pipeline.Simulator.Control.Channels().Where(c => c.Connected))
                    planned += pipeline.Simulator.Control.CloseSocketPlanned(channel.Id) ? 1 : 0;
            }
        });

        result.Report($"v2.system.socket_closing, then the socket closed 0.5 s later, every 2 s: {planned} planned closes");
    }

    [Test]
    public async Task Should_apply_every_intent_once_when_channels_expire_every_few_seconds()
    {
        await using var pipeline = await PipelineHost.StartAsync(FaultLoad.Simulator(seed: 4004), FaultLoad.Settings());
        var expired = 0;

        var result = await FaultLoad.RunAsync(pipeline, new LoadPlan("channels expiring", 30) { Pace = SlowPace }, async stop =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2.5), stop);
                foreach (var channel in pipeline.Simulator.Control.Channels())
                    expired += pipeline.Simulator.Control.ExpireChannel(channel.Id) ? 1 : 0;
            }
        });

        result.Report($"every channel expired (socket_closing, close, gone) every 2.5 s: {expired} channels expired, " +
            $"{pipeline.Simulator.Control.Channels().Count} alive at the end; " +
            $"{When_notifications_are_lost_or_out_of_order.ConversationReads(result)} conversation reads");
    }
}
