using EventBridge.DeadLetters.Review;
using EventBridge.Genesys.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.DeadLetters.Tests;

/// <summary>
/// A group retry's letters each cost calls from the budget live applies need: while calls queue for that budget, or
/// Genesys paused it after a 429, the next letter waits and the progress says so.
/// </summary>
public sealed class When_a_group_retry_meets_a_busy_budget
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Should_send_no_letter_while_calls_queue_for_the_budget_or_it_is_paused()
    {
        var time = new FakeTimeProvider();
        var budget = new RateBudgetState(time, 240);
        long queued = 0;
        budget.AttachLimiter(() => (0, Interlocked.Read(ref queued)));
        using var jobs = new GroupRetryJobs(Options.Create(new DeadLetterOptions { GroupRetryInterval = Interval }), time,
            NullLogger<GroupRetryJobs>.Instance, budget);
        var sent = new List<long>();
        var started = jobs.Start("not-permitted", [1, 2, 3], "support", (id, _) =>
        {
            lock (sent) sent.Add(id);
            return Task.FromResult(ReviewResult.Ok(new RetryResult(id, Guid.NewGuid())));
        }, _ => Task.CompletedTask);
        GroupRetryProgress Progress() => jobs.Find(started.JobId)!;

        // The first letter goes at once; then applies queue for the budget.
        await WaitAsync(() => Progress().Retried == 1, "the first letter sent");
        Interlocked.Exchange(ref queued, 5);
        await AdvanceUntilAsync(time, () => Progress().WaitingForBudget, "the job waiting for the budget");
        Assert.That(Progress().Retried, Is.EqualTo(1), "no letter while applies wait for the budget");

        // The queue drains but Genesys paused the budget (a 429's Retry-After): still waiting.
        Interlocked.Exchange(ref queued, 0);
        budget.PauseFor(TimeSpan.FromSeconds(30));
        var pauseEnds = time.GetUtcNow() + TimeSpan.FromSeconds(30);
        for (var turn = 0; turn < 5; turn++) time.Advance(Interval);
        Assert.That(Progress().Retried, Is.EqualTo(1), "no letter while the budget is paused");

        // The pause over and nothing queued: the rest go, one per interval.
        for (var turn = 0; turn < 40 && Progress().State == GroupRetryState.Running; turn++)
        {
            time.Advance(Interval);
            await Task.Delay(10);
        }

        await WaitAsync(() => Progress().State == GroupRetryState.Done, "the job done");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent, Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(Progress().WaitingForBudget, Is.False);
            Assert.That(Progress().SentAt[1], Is.GreaterThanOrEqualTo(pauseEnds), "the second letter waited out the queue and the pause");
        }
    }

    // The job's timer may not exist yet when the clock moves (an advance before it is lost): move it a turn at a time
    // until the job shows what is awaited.
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, string what)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (patience.IsCancellationRequested) Assert.Fail($"Timed out waiting for {what}.");
            time.Advance(Interval);
            await Task.Delay(10);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (patience.IsCancellationRequested) Assert.Fail($"Timed out waiting for {what}.");
            await Task.Delay(10);
        }
    }
}
