using EventBridge.Genesys.Http;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.Http;

public class When_waiting_for_a_token_bucket
{
    [Test]
    public async Task Should_serve_waiters_in_order_and_skip_cancelled_ones()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucket(1, TimeSpan.FromSeconds(10), time);
        await bucket.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = bucket.AcquireAsync(cancel.Token).AsTask();
        var second = bucket.AcquireAsync(CancellationToken.None).AsTask();
        var third = bucket.AcquireAsync(CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        time.Advance(TimeSpan.FromSeconds(10));
        await second.Within();

        Assert.That(third.IsCompleted, Is.False);
        Assert.That(bucket.QueuedRequests, Is.EqualTo(1));
        time.Advance(TimeSpan.FromSeconds(10));
        await third.Within();
        Assert.That(bucket.AvailableTokens, Is.Zero);
    }

    [Test]
    public void Should_never_hold_more_than_its_capacity()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucket(3, TimeSpan.FromSeconds(1), time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.That(bucket.AvailableTokens, Is.EqualTo(3));
    }
}
