namespace EventBridge.DeadLetters.Review;

/// <summary>A group discard: how many Open letters matched and how many were archived (when refused, only the count now).</summary>
public sealed record GroupDiscardResult(string Reason, int Matching, int Discarded, DateTimeOffset? FailedBefore = null);
