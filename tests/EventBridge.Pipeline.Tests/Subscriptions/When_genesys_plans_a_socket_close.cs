using EventBridge.Genesys;
using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>socket_closing: a new socket on the same channel before the old one goes, so nothing is missed.</summary>
[TestFixture]
public sealed class When_genesys_plans_a_socket_close
{
    [Test]
    public async Task Should_move_to_a_new_socket_on_the_same_channel_without_missing_events()
    {
        await using var host = await ChannelPoolHost.StartAsync(new SimulatorOptions { SocketClosingLeadTime = TimeSpan.FromMilliseconds(300) });
        var channelId = host.Health.Channels[0].ChannelId!;
        await using var reference = await ReferenceListenerAsync(host);

        using var driving = new CancellationTokenSource();
        var events = Task.Run(async () =>
        {
            while (!driving.IsCancellationRequested)
            {
                host.MakeQueueEvents();
                await Task.Delay(20);
            }
        });
        Assert.That(host.Simulator.Control.CloseSocketPlanned(channelId), Is.True);
        await host.UntilAsync(h => h.Channels[0].ReconnectCount == 1, "the move to a new socket");
        // Keep events coming past the lead time, when the simulator would close the warned socket.
        var atSwap = host.Health.Channels[0].EventsReceived;
        await host.UntilAsync(h => h.Channels[0].EventsReceived >= atSwap + 40, "events to keep arriving after the move");
        await driving.CancelAsync();
        await events;

        await Eventually.TrueAsync(() => host.Health.Channels[0].EventsReceived == reference.EventsSeen, ChannelPoolHost.Patience,
            () => $"the pool to have heard exactly what an undisturbed channel heard (pool {host.Health.Channels[0].EventsReceived}, " +
                  $"reference {reference.EventsSeen}, reconnects {host.Health.Channels[0].ReconnectCount}, reconciliations {host.Reconcile.Count})");
        Assert.Multiple(() =>
        {
            Assert.That(host.Health.Channels[0].ChannelId, Is.EqualTo(channelId), "same channel");
            Assert.That(host.Health.Channels[0].ReplacementCount, Is.Zero);
            Assert.That(host.Reconcile.Count, Is.Zero, "no gap, no reconciliation");
            Assert.That(host.Health.Channels[0].Connected, Is.True);
        });
    }

    /// <summary>A second, undisturbed channel on the same queue: what the pool should have heard.</summary>
    private static async Task<ReferenceListener> ReferenceListenerAsync(ChannelPoolHost host)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGenesysClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genesys:ApiBaseUrl"] = host.Simulator.BaseUri.ToString(),
            ["Genesys:ClientId"] = OAuthClientOptions.DemoClientId,
            ["Genesys:ClientSecret"] = OAuthClientOptions.DemoClientSecret,
        }).Build());
        var provider = services.BuildServiceProvider();
        var genesys = provider.GetRequiredService<GenesysApiClient>();
        var channel = await genesys.CreateChannelAsync();
        var socket = new NotificationSocket(channel.ConnectUri!, TimeProvider.System, NullLogger<NotificationSocket>.Instance);
        var listener = new ReferenceListener(socket, provider);
        await socket.ConnectAsync();
        await genesys.ReplaceSubscriptionsAsync(channel.Id!, [NotificationTopics.QueueConversations(SeedData.DemoQueueId)]);
        return listener;
    }
}
