namespace EventBridge.Pipeline.Applying;

/// <summary>A transient state: the wrap-up may have landed but Genesys does not show it yet. Retried.</summary>
public sealed class WrapUpNotConfirmedException : Exception
{
    public WrapUpNotConfirmedException() { }

    public WrapUpNotConfirmedException(string message) : base(message) { }

    public WrapUpNotConfirmedException(string message, Exception innerException) : base(message, innerException) { }
}
