using EventBridge.DeadLetters.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// One step of a retry chain: a dead letter (its intent, reason, status, and what it was retried as), or — at the end —
/// the latest retried intent that has not failed (again), with its status in the intent store.
/// </summary>
public sealed record RetryChainLink
{
    public long? DeadLetterId { get; init; }
    public Guid? IntentId { get; init; }
    public string? Reason { get; init; }
    public DeadLetterStatus? LetterStatus { get; init; }

    /// <summary>The intent's status in the intent store (Pending, Applying, Applied, Failed), or null when it is not there (yet).</summary>
    public string? IntentStatus { get; init; }
    public Guid? RetriedAsIntentId { get; init; }
    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>The letter the details are about.</summary>
    public bool IsCurrent { get; init; }
}
