using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Simulator.Tests.Notifications;

public sealed class When_a_socket_is_connected
{
    [Test]
    public async Task Should_answer_ping_with_pong()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions());
        await using var socket = await NotificationSocket.ConnectAsync((await s.Api.CreateChannelAsync()).GetProperty("connectUri").GetString()!);

        await socket.SendTextAsync("{\"message\":\"ping\"}");

        Assert.That(NotificationSocket.IsPong(await socket.WaitForAsync(NotificationSocket.IsPong)), Is.True);
    }

    [Test]
    public async Task Should_send_heartbeats_at_the_configured_interval()
    {
        var time = new FakeTimeProvider();
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { HeartbeatInterval = TimeSpan.FromSeconds(30) }, time);
        await using var socket = await NotificationSocket.ConnectAsync((await s.Api.CreateChannelAsync()).GetProperty("connectUri").GetString()!);

        time.Advance(TimeSpan.FromSeconds(30));
        await socket.WaitForTopicAsync("channel.metadata", b => b.GetProperty("message").GetString() == "WebSocket Heartbeat");
        time.Advance(TimeSpan.FromSeconds(30));
        await socket.WaitForAsync(_ => Heartbeats(socket) == 2);

        s.Sim.Faults.SetNotificationFaults(new() { HeartbeatsStopped = true });
        time.Advance(TimeSpan.FromSeconds(30));
        await socket.FlushAsync();
        Assert.That(Heartbeats(socket), Is.EqualTo(2));
    }

    [Test]
    public async Task Should_turn_half_open_when_frozen_and_leave_later_sockets_working()
    {
        var time = new FakeTimeProvider();
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { HeartbeatInterval = TimeSpan.FromSeconds(30) }, time);
        await using var frozen = await NotificationSocket.ConnectAsync((await s.Api.CreateChannelAsync()).GetProperty("connectUri").GetString()!);
        await frozen.FlushAsync();
        var before = frozen.Frames.Count;

        Assert.That(s.Sim.Control.FreezeAllSockets(), Is.EqualTo(1));
        await using var later = await NotificationSocket.ConnectAsync((await s.Api.CreateChannelAsync()).GetProperty("connectUri").GetString()!);
        await frozen.SendTextAsync("{\"message\":\"ping\"}");
        time.Advance(TimeSpan.FromSeconds(30));
        await later.WaitForTopicAsync("channel.metadata", b => b.GetProperty("message").GetString() == "WebSocket Heartbeat");
        await later.FlushAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(frozen.Frames, Has.Count.EqualTo(before), "a frozen socket sends no heartbeat and answers no ping");
            Assert.That(frozen.Closed.IsCompleted, Is.False, "and it does not close either: half-open");
        }
    }

    [Test]
    public async Task Should_kick_the_first_socket_when_a_second_connects()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions());
        var uri = (await s.Api.CreateChannelAsync()).GetProperty("connectUri").GetString()!;
        await using var first = await NotificationSocket.ConnectAsync(uri);

        await using var second = await NotificationSocket.ConnectAsync(uri);

        await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await second.FlushAsync();
    }

    [Test]
    public async Task Should_warn_with_socket_closing_then_close_when_the_channel_expires()
    {
        var time = new FakeTimeProvider();
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions
        {
            ChannelLifetime = TimeSpan.FromMinutes(10), SocketClosingLeadTime = TimeSpan.FromMinutes(1),
        }, time);
        var channel = await s.Api.CreateChannelAsync();
        await using var socket = await NotificationSocket.ConnectAsync(channel.GetProperty("connectUri").GetString()!);

        time.Advance(TimeSpan.FromMinutes(9));
        var warning = await socket.WaitForTopicAsync("v2.system.socket_closing");
        Assert.That(socket.Closed.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromMinutes(1));
        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(warning.GetProperty("eventBody").GetProperty("message").GetString(), Is.Not.Empty);
        using var head = await s.Api.SendAsync(HttpMethod.Head, $"api/v2/notifications/channels/{channel.GetProperty("id").GetString()}");
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Should_extend_the_channel_life_when_resubscribing()
    {
        var time = new FakeTimeProvider();
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { ChannelLifetime = TimeSpan.FromMinutes(10) }, time);
        var id = (await s.Api.CreateChannelAsync()).GetProperty("id").GetString()!;

        time.Advance(TimeSpan.FromMinutes(8));
        await s.Api.SubscribeAsync(id, $"v2.users.{Guid.NewGuid()}.conversations");
        time.Advance(TimeSpan.FromMinutes(8));

        using var head = await s.Api.SendAsync(HttpMethod.Head, $"api/v2/notifications/channels/{id}");
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static int Heartbeats(NotificationSocket socket) => socket.FramesOn("channel.metadata")
        .Count(f => f.GetProperty("eventBody").GetProperty("message").GetString() == "WebSocket Heartbeat");
}
