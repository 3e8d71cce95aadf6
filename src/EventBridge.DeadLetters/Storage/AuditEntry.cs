using System.Text.Json;

namespace EventBridge.DeadLetters.Storage;

/// <summary>One support action: who, when, what, on which letter (or group), and the state before and after.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";

    /// <summary>retry | discard | group-retry (<see cref="AuditActions"/>).</summary>
    public string Action { get; init; } = "";
    public long? DeadLetterId { get; init; }

    /// <summary>"dead-letter:42" or "group:invalid-code".</summary>
    public string Target { get; init; } = "";
    public JsonElement? Before { get; init; }
    public JsonElement? After { get; init; }
    public string? Comment { get; init; }
}
