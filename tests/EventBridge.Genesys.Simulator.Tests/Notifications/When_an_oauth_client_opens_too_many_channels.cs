using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Notifications;

public sealed class When_an_oauth_client_opens_too_many_channels
{
    [Test]
    public async Task Should_evict_the_oldest_unconnected_channel_on_the_21st()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions());
        var connectedOldest = await s.Api.CreateChannelAsync();
        await using var socket = await NotificationSocket.ConnectAsync(connectedOldest.GetProperty("connectUri").GetString()!);
        var ids = new List<string>();
        for (var i = 0; i < 19; i++)
            ids.Add((await s.Api.CreateChannelAsync()).GetProperty("id").GetString()!);

        await s.Api.CreateChannelAsync();

        Assert.That(await Head(s, ids[0]), Is.EqualTo(HttpStatusCode.NotFound), "oldest unconnected channel is evicted");
        Assert.That(await Head(s, connectedOldest.GetProperty("id").GetString()!), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Head(s, ids[1]), Is.EqualTo(HttpStatusCode.OK));
        var listed = await s.Api.GetJsonAsync("api/v2/notifications/channels?includechannels=oauthclient");
        Assert.That(listed.GetProperty("entities").GetArrayLength(), Is.EqualTo(20));
    }

    [Test]
    public async Task Should_close_the_socket_of_an_evicted_connected_channel()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { MaxChannelsPerClient = 1 });
        var first = await s.Api.CreateChannelAsync();
        await using var socket = await NotificationSocket.ConnectAsync(first.GetProperty("connectUri").GetString()!);

        await s.Api.CreateChannelAsync();

        await socket.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(await Head(s, first.GetProperty("id").GetString()!), Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task<HttpStatusCode> Head(SimulatorSession s, string id)
    {
        using var response = await s.Api.SendAsync(HttpMethod.Head, $"api/v2/notifications/channels/{id}");
        return response.StatusCode;
    }
}
