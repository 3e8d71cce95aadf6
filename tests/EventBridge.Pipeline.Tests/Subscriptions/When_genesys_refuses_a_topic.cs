using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Refused topics are reported with their reason and never retried; the others are subscribed.</summary>
[TestFixture]
public sealed class When_genesys_refuses_a_topic
{
    [Test]
    public async Task Should_report_it_and_subscribe_the_others()
    {
        var simulator = new SimulatorOptions
        {
            ForbiddenTopics = [new ForbiddenTopicRule { Pattern = @"v2\.users\..*", MissingPermissions = ["conversation:communication:view"] }],
        };
        await using var host = await ChannelPoolHost.StartAsync(simulator);
        var refused = $"v2.users.{Guid.NewGuid()}.conversations";
        var allowed = $"v2.routing.queues.{Guid.NewGuid()}.conversations";

        Assert.That(await host.Pool.EnsureAsync([refused, allowed], CancellationToken.None), Is.False);
        var calls = host.SubscriptionCalls().Count;
        Assert.That(await host.Pool.EnsureAsync([refused], CancellationToken.None), Is.False);

        var health = host.Health;
        Assert.Multiple(() =>
        {
            Assert.That(health.RejectedTopics.Select(r => r.Topic), Is.EqualTo(new[] { refused }));
            Assert.That(health.RejectedTopics[0].MissingPermissions, Is.EqualTo(new[] { "conversation:communication:view" }));
            Assert.That(health.RejectedTopics[0].Reason, Is.Not.Empty);
            Assert.That(host.Simulator.Control.Channels().Single().Topics, Does.Contain(allowed).And.Not.Contain(refused));
            Assert.That(host.SubscriptionCalls(), Has.Count.EqualTo(calls), "a refused topic is not asked for again");
            Assert.That(health.IsReady, Is.True, "refused topics do not make the worker unready; reconciliation covers them");
            Assert.That(host.Reconcile.Count, Is.EqualTo(1));
        });
    }
}
