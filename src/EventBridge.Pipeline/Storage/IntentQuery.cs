namespace EventBridge.Pipeline.Storage;

/// <summary>A page of intents for operators, newest first. <see cref="Before"/> is the cursor a previous page returned.</summary>
public sealed record IntentQuery
{
    public const int MaxLimit = 500;

    public IntentStatus? Status { get; init; }
    public string? ConversationId { get; init; }
    public string? FailureReason { get; init; }
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
