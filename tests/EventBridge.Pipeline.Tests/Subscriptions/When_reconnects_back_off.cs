using EventBridge.Pipeline.Subscriptions;

namespace EventBridge.Pipeline.Tests.Subscriptions;

[TestFixture]
public sealed class When_reconnects_back_off
{
    [Test]
    public void Should_double_with_jitter_up_to_the_maximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));
        var delays = Enumerable.Range(0, 10).Select(backoff.DelayFor).ToList();
        Assert.Multiple(() =>
        {
            for (var attempt = 0; attempt < delays.Count; attempt++)
            {
                var ceiling = Math.Min(30, Math.Pow(2, attempt));
                Assert.That(delays[attempt].TotalSeconds, Is.InRange(ceiling / 2, ceiling), $"attempt {attempt}");
            }

            Assert.That(delays.Distinct().Count(), Is.GreaterThan(5), "jittered, so replicas do not reconnect in step");
        });
    }
}
