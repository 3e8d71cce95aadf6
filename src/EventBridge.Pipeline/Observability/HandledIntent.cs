namespace EventBridge.Pipeline.Observability;

/// <summary>
/// The intent whose message is being handled on this async flow, from <see cref="Begin"/> until disposed. The two
/// consumers begin it, so every log line written meanwhile carries <c>IntentId</c> and <c>ConversationId</c> (a logger
/// scope, which Serilog turns into properties), and code deeper in the pipeline that is told a conversation and
/// participant but not the intent (the wrap-up applier) can journal its Genesys calls against the right intent.
/// </summary>
public sealed class HandledIntent : IDisposable
{
    public const string IntentIdProperty = "IntentId";
    public const string ConversationIdProperty = "ConversationId";

    private static readonly AsyncLocal<HandledIntent?> Ambient = new();

    private readonly HandledIntent? _previous;
    private readonly IDisposable? _logScope;

    private HandledIntent(Guid intentId, string? conversationId, ILogger logger)
    {
        IntentId = intentId;
        ConversationId = conversationId;
        _previous = Ambient.Value;
        var properties = new Dictionary<string, object?> { [IntentIdProperty] = intentId };
        if (!string.IsNullOrWhiteSpace(conversationId)) properties[ConversationIdProperty] = conversationId;
        _logScope = logger.BeginScope(properties);
    }

    /// <summary>The intent being handled here, or null outside a consumer.</summary>
    public static HandledIntent? Current => Ambient.Value;

    public Guid IntentId { get; }

    public string? ConversationId { get; }

    /// <summary>The wrap-up call Genesys accepted while this message was handled, if any (so its confirmation can be journaled).</summary>
    public string? AcceptedCall { get; internal set; }

    /// <summary>Makes the intent current for this async flow, and its ids log properties, until disposed.</summary>
    public static HandledIntent Begin(Guid intentId, string? conversationId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var handled = new HandledIntent(intentId, conversationId, logger);
        Ambient.Value = handled;
        return handled;
    }

    public void Dispose()
    {
        _logScope?.Dispose();
        Ambient.Value = _previous;
    }
}
