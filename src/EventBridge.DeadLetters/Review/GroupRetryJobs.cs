using System.Collections.Concurrent;
using EventBridge.Genesys.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Group retries running in the background, paced so they never flood Genesys: every retried intent costs at least
/// one call of the 300/min budget the live applies need, so letters go one per <see cref="DeadLetterOptions.GroupRetryInterval"/>,
/// and a turn waits while requests queue for the budget or it is paused after a 429 (applies keep priority). Jobs live
/// in this process: progress is lost on a restart, but the letters not yet sent are still Open and can be retried again.
/// </summary>
public sealed class GroupRetryJobs(IOptions<DeadLetterOptions> options, TimeProvider time, ILogger<GroupRetryJobs> logger, RateBudgetState? budget = null)
    : IHostedService, IDisposable
{
    private const int KeptJobs = 50;
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();
    private readonly CancellationTokenSource _stopping = new();

    public GroupRetryProgress? Find(Guid jobId) => _jobs.TryGetValue(jobId, out var job) ? job.Progress : null;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<GroupRetryProgress> List() => [.. _jobs.Values.Select(job => job.Progress).OrderByDescending(p => p.StartedAt)];

    /// <summary>Starts <paramref name="retryOne"/> for each id in turn; <paramref name="finished"/> runs once at the end (the audit row).</summary>
    public GroupRetryProgress Start(string reason, IReadOnlyList<long> ids, string actor,
        Func<long, CancellationToken, Task<ReviewResult<RetryResult>>> retryOne, Func<GroupRetryProgress, Task> finished)
    {
        var job = new Job(new GroupRetryProgress
        {
            JobId = Guid.NewGuid(), Reason = reason, Actor = actor, State = GroupRetryState.Running, Total = ids.Count, StartedAt = time.GetUtcNow(),
        });
        _jobs[job.Progress.JobId] = job;
        Forget();
        job.Run = Task.Run(() => RunAsync(job, ids, retryOne, finished));
        return job.Progress;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_jobs.Values.Select(job => job.Run)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(Job job, IReadOnlyList<long> ids, Func<long, CancellationToken, Task<ReviewResult<RetryResult>>> retryOne,
        Func<GroupRetryProgress, Task> finished)
    {
        var token = _stopping.Token;
        var state = GroupRetryState.Done;
        try
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (i > 0) await WaitTurnAsync(job, token);
                var retried = await retryOne(ids[i], token);
                job.Update(p => retried.Value is { } done
                    ? p with { Retried = p.Retried + 1, IntentIds = [.. p.IntentIds, done.RetriedAsIntentId], SentAt = [.. p.SentAt, time.GetUtcNow()] }
                    : p with { Skipped = [.. p.Skipped, new GroupRetrySkip(ids[i], retried.Detail ?? retried.Outcome.ToString())] });
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            state = GroupRetryState.Stopped;
        }
        catch (Exception failed)
        {
            logger.LogError(failed, "Group retry {JobId} of {Reason} stopped after {Retried} of {Total}", job.Progress.JobId, job.Progress.Reason,
                job.Progress.Retried, job.Progress.Total);
            state = GroupRetryState.Stopped;
        }

        // The audit entry is written before the job shows as finished: whoever sees it finished finds it audited.
        var final = job.Progress with { State = state, WaitingForBudget = false, FinishedAt = time.GetUtcNow() };
        try
        {
            await finished(final);
        }
        catch (Exception failed)
        {
            logger.LogError(failed, "Group retry {JobId}: writing its audit entry failed", final.JobId);
        }

        job.Update(_ => final);
    }

    private async Task WaitTurnAsync(Job job, CancellationToken token)
    {
        await Task.Delay(options.Value.GroupRetryInterval, time, token);
        while (budget is not null && (budget.PausedUntil is not null || budget.GetSnapshot().QueuedRequests > 0))
        {
            job.Update(p => p with { WaitingForBudget = true });
            await Task.Delay(options.Value.GroupRetryInterval, time, token);
        }

        job.Update(p => p with { WaitingForBudget = false });
    }

    // The newest jobs are kept for their progress; finished ones beyond that are forgotten.
    private void Forget()
    {
        foreach (var old in _jobs.Values.Where(job => job.Progress.State != GroupRetryState.Running)
                     .OrderByDescending(job => job.Progress.StartedAt).Skip(KeptJobs))
            _jobs.TryRemove(old.Progress.JobId, out _);
    }

    private sealed class Job(GroupRetryProgress progress)
    {
        private readonly Lock _gate = new();
        private GroupRetryProgress _progress = progress;

        public Task Run { get; set; } = Task.CompletedTask;

        public GroupRetryProgress Progress
        {
            get
            {
                lock (_gate) return _progress;
            }
        }

        public void Update(Func<GroupRetryProgress, GroupRetryProgress> change)
        {
            lock (_gate) _progress = change(_progress);
        }
    }
}
