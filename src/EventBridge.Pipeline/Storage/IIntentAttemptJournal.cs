namespace EventBridge.Pipeline.Storage;

/// <summary>
/// Every Genesys call made for an intent, in order, kept next to the intent so support can ask "what did EventBridge
/// try, and what did Genesys say" long after the logs rolled over.
/// </summary>
public interface IIntentAttemptJournal
{
    Task RecordAsync(IntentAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>The intent's attempts, oldest first (empty for an unknown intent).</summary>
    Task<IReadOnlyList<IntentAttempt>> GetAsync(Guid intentId, CancellationToken cancellationToken = default);
}
