namespace EventBridge.DeadLetters.Review;

/// <summary>
/// How many Open letters of <see cref="Reason"/> (that failed before <see cref="FailedBefore"/>, when given) a group
/// retry or discard would change; pass it back as expectedCount with the same filter.
/// </summary>
public sealed record GroupPreview(string Reason, int Matching, DateTimeOffset? FailedBefore = null);
