using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Ingesting;

/// <summary>Why a message was dead-lettered, in the words support groups by.</summary>
public static class FaultReasons
{
    /// <summary>The body could not be read as the queue's message type (not JSON, or fields of the wrong type).</summary>
    public const string Unreadable = "unreadable";

    /// <summary>A message of a type the queue's consumer does not take: MassTransit skipped it (<c>_skipped</c> queue).</summary>
    public const string NotAnIntent = "not-an-intent";

    /// <summary>MassTransit's skipped-message queue of a receive endpoint, beside its <c>_error</c> queue.</summary>
    public static bool IsSkippedQueue(string queue) => queue.EndsWith("_skipped", StringComparison.Ordinal);

    /// <summary>
    /// The intent store's failure reason when the intent is known and failed; else the reason EventBridge put in its
    /// <see cref="Pipeline.PipelineHeaders.FailureReason"/> header when it decided the failure itself (a malformed
    /// intent has no stored row); else "unreadable" for a deserialisation failure; else "error:&lt;exception type&gt;"
    /// (transient retries exhausted, say).
    /// </summary>
    public static string Classify(StoredIntent? intent, string? decidedReason, string? exceptionType, bool messageTypeKnown)
    {
        if (intent is { Status: IntentStatus.Failed, FailureReason: { Length: > 0 } stored }) return stored;
        if (!string.IsNullOrWhiteSpace(decidedReason)) return decidedReason;

        // MassTransit names the message type only once the body was read; a JSON or format exception means the same.
        var shortName = ShortName(exceptionType);
        if (shortName is not null && (!messageTypeKnown || IsDeserialisation(shortName))) return Unreadable;
        return "error:" + (shortName ?? "unknown");
    }

    public static string? ShortName(string? exceptionType)
    {
        if (string.IsNullOrWhiteSpace(exceptionType)) return null;
        var name = exceptionType.Trim();
        var generic = name.IndexOf('`', StringComparison.Ordinal);
        if (generic > 0) name = name[..generic];
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name[(dot + 1)..] : name;
    }

    private static bool IsDeserialisation(string shortName) =>
        shortName.Contains("Serializ", StringComparison.OrdinalIgnoreCase) || shortName.Contains("Json", StringComparison.OrdinalIgnoreCase);
}
