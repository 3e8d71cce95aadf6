using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Auth;

/// <summary>Error reply of the login host, e.g. <c>{"error":"invalid_client","description":"client not found"}</c>.</summary>
internal sealed record OAuthErrorResponse
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}
