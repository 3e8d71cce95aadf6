using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Models;

public sealed record NotificationMetadata
{
    // Genesys sends this one key in PascalCase.
    [JsonPropertyName("CorrelationId")]
    public string? CorrelationId { get; init; }
}
