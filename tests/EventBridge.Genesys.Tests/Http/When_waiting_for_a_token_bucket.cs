using EventBridge.Genesys.Http;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.Http;

public class When_waiting_for_a_token_bucket
{
    [Test]
    public async Task Should_serve_waiters_of_one_priority_in_order_and_skip_cancelled_ones()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucket(1, TimeSpan.FromSeconds(10), time);
        await bucket.AcquireAsync(GenesysCallPriority.Intake, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = bucket.AcquireAsync(GenesysCallPriority.Intake, cancel.Token).AsTask();
        var second = bucket.AcquireAsync(GenesysCallPriority.Intake, CancellationToken.None).AsTask();
        var third = bucket.AcquireAsync(GenesysCallPriority.Intake, CancellationToken.None).AsTask();

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
    public async Task Should_serve_wrap_ups_first_the_earliest_acw_timeout_first_and_reconciliation_last()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucket(1, TimeSpan.FromSeconds(1), time);
        await bucket.AcquireAsync(GenesysCallPriority.Intake, CancellationToken.None);
        var now = time.GetUtcNow();
        var served = new List<string>();
        Task Wait(string name, GenesysCallPriority priority) =>
            bucket.AcquireAsync(priority, CancellationToken.None).AsTask().ContinueWith(_ => { lock (served) served.Add(name); }, TaskScheduler.Default);

        // Queued in the worst order: the cheap, patient calls first.
        var waits = new[]
        {
            Wait("reconcile", GenesysCallPriority.Reconcile),
            Wait("intake", GenesysCallPriority.Intake),
            Wait("disconnect", GenesysCallPriority.Disconnect),
            Wait("wrap-up due in 60 s", GenesysCallPriority.WrapUp(now.AddSeconds(60))),
            Wait("wrap-up due in 5 s", GenesysCallPriority.WrapUp(now.AddSeconds(5))),
        };
        for (var i = 0; i < waits.Length; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var expected = i + 1;
            await Eventually.True(() => { lock (served) return served.Count == expected; }, $"{expected} waiters are served");
        }

        Assert.That(served, Is.EqualTo(new[] { "wrap-up due in 5 s", "wrap-up due in 60 s", "disconnect", "intake", "reconcile" }));
    }

    [Test]
    public void Should_never_hold_more_than_its_capacity()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucket(3, TimeSpan.FromSeconds(1), time);

        time.Advance(TimeSpan.FromHours(1));

        Assert.That(bucket.AvailableTokens, Is.EqualTo(3));
    }

    [Test]
    public async Task Should_keep_the_reserve_for_wrap_ups_and_give_the_others_only_what_overflows_it()
    {
        var time = new FakeTimeProvider();
        using var bucket = new TokenBucket(4, TimeSpan.FromSeconds(1), time, reservedForWrapUps: 3);

        // A full bucket lets one disconnect through; the next waits although three tokens are left.
        await bucket.AcquireAsync(GenesysCallPriority.Disconnect, CancellationToken.None).AsTask().Within();
        var disconnect = bucket.AcquireAsync(GenesysCallPriority.Disconnect, CancellationToken.None).AsTask();
        Assert.That(disconnect.IsCompleted, Is.False, "the reserve is not for disconnects");

        // Three agents enter ACW at once: all three wrap-ups go now, ahead of the waiting disconnect.
        for (var i = 0; i < 3; i++)
            await bucket.AcquireAsync(GenesysCallPriority.WrapUp(time.GetUtcNow().AddSeconds(30)), CancellationToken.None).AsTask().Within();
        Assert.That(disconnect.IsCompleted, Is.False);

        // The disconnect goes once the bucket has refilled past the reserve again.
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.That(disconnect.IsCompleted, Is.False, "three tokens are back: still only the reserve");
        time.Advance(TimeSpan.FromSeconds(1));
        await disconnect.Within();
    }

    [Test]
    public async Task Should_keep_a_token_for_each_agent_waiting_for_a_wrap_up_before_a_disconnect_goes()
    {
        var time = new FakeTimeProvider();
        var imminent = new ImminentWrapUps(time);
        using var bucket = new TokenBucket(6, TimeSpan.FromSeconds(1), time, reservedForWrapUps: 3, imminent);

        // Six tokens, three reserved: three agents already in ACW on their way to the call keep three more, so a
        // disconnect (another ACW clock) waits although it alone would fit above the reserve.
        var waiting = Enumerable.Range(0, 3).Select(_ => imminent.Expect()).ToList();
        var disconnect = bucket.AcquireAsync(GenesysCallPriority.Disconnect, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(disconnect.IsCompleted, Is.False, "three agents wait for their wrap-ups");

        // Their calls are not held back by their own count.
        for (var i = 0; i < 2; i++)
        {
            await bucket.AcquireAsync(GenesysCallPriority.WrapUp(null), CancellationToken.None).AsTask().Within();
            waiting[i].Dispose();
        }

        // One still waits: 4 tokens < 1 + 3 reserved + 1.
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(disconnect.IsCompleted, Is.False, "one agent still waits for the budget");

        // The last one's settle ends without a call: the disconnect goes at the next look, with no new token needed.
        waiting[2].Dispose();
        time.Advance(TimeSpan.FromMilliseconds(50));
        await disconnect.Within();
        Assert.That(bucket.AvailableTokens, Is.EqualTo(3));
    }

    [Test]
    public async Task Should_stop_counting_an_agent_whose_settle_is_held_up_elsewhere()
    {
        var time = new FakeTimeProvider();
        var imminent = new ImminentWrapUps(time);
        using var bucket = new TokenBucket(4, TimeSpan.FromSeconds(1), time, reservedForWrapUps: 1, imminent);
        using var stuck = imminent.Expect();
        using var other = imminent.Expect();
        using var third = imminent.Expect();

        var read = bucket.AcquireAsync(GenesysCallPriority.Reconcile, CancellationToken.None).AsTask();
        Assert.That(read.IsCompleted, Is.False);

        // A settle that never reaches its call stops counting after ImminentWrapUps.CountedFor.
        time.Advance(ImminentWrapUps.CountedFor);
        await read.Within();
        Assert.That(imminent.Count, Is.Zero);
    }
}
