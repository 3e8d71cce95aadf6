using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>The socket needs no token: refreshing it must never touch the socket.</summary>
[TestFixture]
public sealed class When_the_token_expires_every_two_seconds
{
    [Test]
    public async Task Should_keep_the_socket_while_events_flow()
    {
        await using var host = await ChannelPoolHost.StartAsync(new SimulatorOptions { TokenLifetimeSeconds = 2 });
        var firstLogin = DateTimeOffset.UtcNow;

        // Events (and the API calls that create them) across at least three token lifetimes.
        var received = host.Health.Channels[0].EventsReceived;
        while (DateTimeOffset.UtcNow - firstLogin < TimeSpan.FromSeconds(6.5))
        {
            host.MakeQueueEvents();
            var expected = received;
            await host.UntilAsync(h => h.Channels[0].EventsReceived > expected, "events while tokens come and go");
            received = host.Health.Channels[0].EventsReceived;
            await host.Pool.EnsureAsync([$"v2.users.{Guid.NewGuid()}.conversations"], CancellationToken.None); // a Genesys call with the current token
            await Task.Delay(200); // pacing the event source only
        }

        var logins = host.Simulator.Control.ReadOracle().Requests.Count(r => r.Path == "/oauth/token");
        Assert.Multiple(() =>
        {
            Assert.That(logins, Is.GreaterThanOrEqualTo(3), "the token was refreshed several times");
            Assert.That(host.Health.Channels[0].ReconnectCount, Is.Zero, "no reconnect on token refresh");
            Assert.That(host.Health.Channels[0].ReplacementCount, Is.Zero);
            Assert.That(host.Reconcile.Count, Is.Zero);
        });
    }
}
