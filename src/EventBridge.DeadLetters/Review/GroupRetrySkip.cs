namespace EventBridge.DeadLetters.Review;

/// <summary>A letter of a group retry that was left Open, and why.</summary>
public sealed record GroupRetrySkip(long DeadLetterId, string Problem);
