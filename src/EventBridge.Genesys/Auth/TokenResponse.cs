using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Auth;

/// <summary>Reply of <c>POST /oauth/token</c>.</summary>
internal sealed record TokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    /// <summary>Seconds; per OAuth client between 300 s and 48 h.</summary>
    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }
}
