using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Simulator.Tests.Faults;

public sealed class When_notifications_are_delayed
{
    [Test]
    public async Task Should_hold_them_until_the_delay_has_passed()
    {
        var time = new FakeTimeProvider();
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions(), time);
        var channel = await s.Api.CreateChannelAsync();
        var topic = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
        await s.Api.SubscribeAsync(channel.GetProperty("id").GetString()!, topic);
        await using var socket = await NotificationSocket.ConnectAsync(channel.GetProperty("connectUri").GetString()!);
        s.Sim.Faults.SetNotificationFaults(new NotificationFaults { DelayShare = 1.0, Delay = TimeSpan.FromSeconds(5) });

        s.Sim.Control.CreateConversation(new CreateConversationRequest());
        await socket.FlushAsync();
        Assert.That(socket.FramesOn(topic), Is.Empty);

        time.Advance(TimeSpan.FromSeconds(5));
        await socket.WaitForTopicAsync(topic);
    }
}
