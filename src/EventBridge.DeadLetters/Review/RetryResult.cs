namespace EventBridge.DeadLetters.Review;

/// <summary>The letter was retried as a new intent (the letter is now Retried).</summary>
public sealed record RetryResult(long DeadLetterId, Guid RetriedAsIntentId);
