using EventBridge.Genesys.Http;

namespace EventBridge.Worker.Hosting;

/// <summary>
/// Makes the Genesys request budget visible: once a minute, what the last minute cost — requests, waits for the budget,
/// 429s, retries — and what Genesys's own counters said. Information when the budget bit, Debug otherwise.
/// </summary>
public sealed class RateBudgetLogger(RateBudgetState budget, TimeProvider time, ILogger<RateBudgetLogger> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var previous = budget.GetSnapshot();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = budget.GetSnapshot();
                var waits = now.Waits - previous.Waits;
                var throttled = now.Throttled - previous.Throttled;
                var retries = now.Retries - previous.Retries;
                var level = waits + throttled + retries > 0 ? LogLevel.Information : LogLevel.Debug;
                // Said in words when there is nothing to say, not as "null".
                var counted = now.ServerCount is { } count ? $"{count} of {now.ServerAllowed}" : "nothing yet";
                var pause = budget.PausedUntil is { } until ? $"paused until {until:HH:mm:ss}" : "not paused";
                logger.Log(level,
                    "Genesys request budget: {Requests} requests in the last minute ({Waits} waited for the budget, {Throttled} answered 429, {Retries} retried); " +
                    "{AvailablePermits} permits free of {RequestsPerMinute}/min, {QueuedRequests} queued; Genesys counted {GenesysCount}, {Pause}",
                    now.Requests - previous.Requests, waits, throttled, retries, now.AvailablePermits, now.RequestsPerMinute, now.QueuedRequests,
                    counted, pause);
                previous = now;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }
}
