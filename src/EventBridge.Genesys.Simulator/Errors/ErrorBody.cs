using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Simulator.Errors;

/// <summary>The Genesys <c>ErrorBody</c>; OAuth errors also carry <c>error</c> and <c>description</c>.</summary>
public sealed record ErrorBody
{
    [JsonPropertyName("error")]
    public string? OAuthError { get; init; }

    public string? Description { get; init; }

    [JsonPropertyName("error_description")]
    public string? OAuthErrorDescription { get; init; }

    public required string Message { get; init; }

    public required string Code { get; init; }

    public required int Status { get; init; }

    public string? EntityId { get; init; }

    public required string MessageWithParams { get; init; }

    public IReadOnlyDictionary<string, string> MessageParams { get; init; } = new Dictionary<string, string>();

    public required string ContextId { get; init; }

    public IReadOnlyList<object> Details { get; init; } = [];

    public IReadOnlyList<object> Errors { get; init; } = [];
}
