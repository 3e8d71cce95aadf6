namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Thrown after a failed outcome was stored and published, so the message lands in the endpoint's <c>_error</c> queue
/// with the reason first in <c>MT-Fault-Message</c>. Never retried: retrying cannot change the answer.
/// </summary>
public sealed class WrapUpFailedException : Exception
{
    public WrapUpFailedException() { }

    public WrapUpFailedException(string message) : base(message) { }

    public WrapUpFailedException(string message, Exception innerException) : base(message, innerException) { }

    public WrapUpFailedException(Guid intentId, string reason, string detail) : base($"{reason}: {detail} (intent {intentId})")
    {
        IntentId = intentId;
        Reason = reason;
    }

    public Guid IntentId { get; }

    public string Reason { get; } = "";
}
