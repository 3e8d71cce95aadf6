namespace EventBridge.DeadLetters.Review;

/// <summary>
/// A group retry: the letters retried and their new intents, the letters that could not be (no conversation id, say),
/// or — when refused — only <see cref="Matching"/>, the count now.
/// </summary>
public sealed record GroupRetryResult
{
    public string Reason { get; init; } = "";
    public int Matching { get; init; }
    public int Retried { get; init; }
    public IReadOnlyList<Guid> IntentIds { get; init; } = [];
    public IReadOnlyList<GroupRetrySkip> Skipped { get; init; } = [];
}
