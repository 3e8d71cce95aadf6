using System.Text.Json.Serialization;

namespace EventBridge.DeadLetters.Review;

[JsonConverter(typeof(JsonStringEnumConverter<GroupRetryState>))]
public enum GroupRetryState
{
    /// <summary>Sending, one letter per turn.</summary>
    Running,

    /// <summary>Every letter was tried: retried or skipped.</summary>
    Done,

    /// <summary>The worker stopped first: the letters not yet sent stay Open, to be retried again.</summary>
    Stopped,
}

/// <summary>How far a paced group retry is: what support watches while the letters go out one budget-friendly turn at a time.</summary>
public sealed record GroupRetryProgress
{
    public Guid JobId { get; init; }
    public string Reason { get; init; } = "";
    public string Actor { get; init; } = "";
    public GroupRetryState State { get; init; }
    public int Total { get; init; }
    public int Retried { get; init; }
    public IReadOnlyList<Guid> IntentIds { get; init; } = [];
    public IReadOnlyList<GroupRetrySkip> Skipped { get; init; } = [];

    /// <summary>When each retried intent was sent (same order as <see cref="IntentIds"/>): the pace, for support and the tests.</summary>
    public IReadOnlyList<DateTimeOffset> SentAt { get; init; } = [];

    /// <summary>True while the turn waits for Genesys's request budget (requests queued for it, or paused after a 429).</summary>
    public bool WaitingForBudget { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}
