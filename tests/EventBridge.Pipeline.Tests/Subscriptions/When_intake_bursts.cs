namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Debounce: a burst of subscription requests becomes one bulk call.</summary>
[TestFixture]
public sealed class When_intake_bursts
{
    [Test]
    public async Task Should_make_one_subscription_call_for_fifty_requests()
    {
        await using var host = await ChannelPoolHost.StartAsync();
        host.Simulator.Control.Oracle.Clear();
        var topics = Enumerable.Range(0, 50).Select(_ => $"v2.users.{Guid.NewGuid()}.conversations").ToList();

        using var start = new ManualResetEventSlim();
        var callers = topics.Select(topic => Task.Run(async () =>
        {
            start.Wait();
            return await host.Pool.EnsureAsync([topic], CancellationToken.None);
        })).ToList();
        start.Set();
        var covered = await Task.WhenAll(callers).WaitAsync(ChannelPoolHost.Patience);

        var calls = host.SubscriptionCalls();
        Assert.Multiple(() =>
        {
            Assert.That(covered, Has.All.True, "every caller learns its topic is covered");
            Assert.That(calls, Has.Count.EqualTo(1), "one bulk call for the burst");
            Assert.That(calls[0].Body?.GetArrayLength(), Is.EqualTo(50));
            Assert.That(host.Simulator.Control.Channels().Single().Topics, Has.Count.EqualTo(51));
        });
    }
}
