namespace EventBridge.DeadLetters.Storage;

/// <summary>What a dead letter's body was, as far as it could be read.</summary>
public static class DeadLetterKinds
{
    /// <summary>A WrapUpIntent (MassTransit envelope or raw JSON) from the intake queue.</summary>
    public const string Intent = "intent";

    /// <summary>An internal settle command (intent id and conversation id only; the rest is in the intent store).</summary>
    public const string Settle = "settle";

    /// <summary>An internal disconnect command (intent, conversation and participant ids; the rest is in the intent store).</summary>
    public const string Disconnect = "disconnect";

    /// <summary>
    /// A message the queue's consumer does not take (MassTransit moved it to <c>&lt;queue&gt;_skipped</c>): another
    /// message type, or an envelope naming one the intake does not consume. Never retried: it is no intent.
    /// </summary>
    public const string NotAnIntent = "not-an-intent";

    /// <summary>Not JSON, or JSON without the fields of either.</summary>
    public const string Unknown = "unknown";
}
