using System.Text.Json;

namespace EventBridge.DeadLetters.Storage;

internal sealed class AuditRow
{
    public const string Columns =
        "id AS Id, at AS At, actor AS Actor, action AS Action, dead_letter_id AS DeadLetterId, target AS Target, " +
        "before_json AS BeforeJson, after_json AS AfterJson, comment AS Comment";

    public long Id { get; set; }
    public string At { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public long? DeadLetterId { get; set; }
    public string Target { get; set; } = "";
    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }
    public string? Comment { get; set; }

    public AuditEntry ToEntry() => new()
    {
        Id = Id,
        At = DeadLetterTime.FromText(At),
        Actor = Actor,
        Action = Action,
        DeadLetterId = DeadLetterId,
        Target = Target,
        Before = Parse(BeforeJson),
        After = Parse(AfterJson),
        Comment = Comment,
    };

    private static JsonElement? Parse(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
