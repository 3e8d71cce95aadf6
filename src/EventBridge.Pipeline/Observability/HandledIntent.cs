namespace EventBridge.Pipeline.Observability;

/// <summary>
/// The log scope of one intent's handling, from <see cref="Begin"/> until disposed: the consumers and the in-process
/// settler begin it, so every log line written meanwhile carries <c>IntentId</c> and <c>ConversationId</c> (a logger
/// scope, which Serilog turns into properties). It carries no data to other classes: they are given the intent.
/// </summary>
public sealed class HandledIntent : IDisposable
{
    public const string IntentIdProperty = "IntentId";
    public const string ConversationIdProperty = "ConversationId";

    private readonly IDisposable? _logScope;

    private HandledIntent(Guid intentId, string? conversationId, ILogger logger)
    {
        IntentId = intentId;
        ConversationId = conversationId;
        var properties = new Dictionary<string, object?> { [IntentIdProperty] = intentId };
        if (!string.IsNullOrWhiteSpace(conversationId)) properties[ConversationIdProperty] = conversationId;
        _logScope = logger.BeginScope(properties);
    }

    public Guid IntentId { get; }

    public string? ConversationId { get; }

    public static HandledIntent Begin(Guid intentId, string? conversationId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return new HandledIntent(intentId, conversationId, logger);
    }

    public void Dispose() => _logScope?.Dispose();
}
