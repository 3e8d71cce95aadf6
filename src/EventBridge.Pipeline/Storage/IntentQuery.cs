namespace EventBridge.Pipeline.Storage;

/// <summary>A page of intents for operators, newest first. <see cref="Before"/> is the cursor a previous page returned.</summary>
public sealed record IntentQuery
{
    public const int MaxLimit = 500;

    public IntentStatus? Status { get; init; }
    public string? ConversationId { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>The agent's queue (its id), as recorded once an agent was seen.</summary>
    public string? QueueId { get; init; }

    /// <summary>The code as asked for, its id or its name: support knows a code by whichever the caller used.</summary>
    public string? Code { get; init; }

    /// <summary>Received at or after this instant.</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }

    /// <summary>Received before this instant (exclusive, so consecutive ranges never count an intent twice).</summary>
    public DateTimeOffset? ReceivedTo { get; init; }
    public int Limit { get; init; } = 50;
    public string? Before { get; init; }
}

public sealed record IntentPage(IReadOnlyList<StoredIntent> Items, string? Next);

/// <summary>Counts by status and per-minute outcomes since a point in time: what the dashboard plots.</summary>
public sealed record IntentStatistics(
    IReadOnlyDictionary<IntentStatus, int> CountsByStatus,
    IReadOnlyList<MinuteOutcomes> Minutes);

/// <summary>Outcomes completed within one minute, and ACW-entry-to-applied latencies of the applied ones.</summary>
public sealed record MinuteOutcomes(DateTimeOffset Minute, int Applied, int Failed, double? LatencyP50Ms, double? LatencyP95Ms);

/// <summary>A finished intent as the statistics need it, whatever the engine that stored it.</summary>
public readonly record struct FinishedIntent(IntentStatus Status, DateTimeOffset CompletedAt, DateTimeOffset? AcwStartedAt);

public static class IntentStatisticsBuilder
{
    /// <summary>Per-minute outcomes (by completion minute, UTC) and ACW-to-applied latency percentiles of the applied ones.</summary>
    public static IntentStatistics Build(IReadOnlyDictionary<IntentStatus, int> counts, IEnumerable<FinishedIntent> finished)
    {
        var allCounts = Enum.GetValues<IntentStatus>().ToDictionary(status => status, status => counts.GetValueOrDefault(status));
        var minutes = finished
            .GroupBy(f => new DateTimeOffset(f.CompletedAt.UtcTicks - f.CompletedAt.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var latencies = g.Where(f => f.Status == IntentStatus.Applied && f.AcwStartedAt is { } acw && f.CompletedAt >= acw)
                    .Select(f => (f.CompletedAt - f.AcwStartedAt!.Value).TotalMilliseconds).Order().ToArray();
                return new MinuteOutcomes(g.Key,
                    g.Count(f => f.Status == IntentStatus.Applied),
                    g.Count(f => f.Status == IntentStatus.Failed),
                    Percentile(latencies, 0.50), Percentile(latencies, 0.95));
            })
            .ToList();
        return new IntentStatistics(allCounts, minutes);
    }

    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
