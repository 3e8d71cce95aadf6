namespace EventBridge.Pipeline;

/// <summary>
/// Headers on a message EventBridge dead-letters itself after deciding that its intent failed: the reason travels as
/// data to the dead-letter review, never parsed back out of exception text.
/// </summary>
public static class PipelineHeaders
{
    public const string FailureReason = "EventBridge-Failure-Reason";
    public const string FailureDetail = "EventBridge-Failure-Detail";

    /// <summary>When the store made the intent final (ISO 8601): the same on a redelivery, so the review keeps one letter.</summary>
    public const string FailedAt = "EventBridge-Failed-At";
}
