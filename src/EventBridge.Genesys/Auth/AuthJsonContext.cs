using System.Text.Json.Serialization;

namespace EventBridge.Genesys.Auth;

/// <summary>JSON of the login host, whose names are snake_case and which stays internal.</summary>
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OAuthErrorResponse))]
internal sealed partial class AuthJsonContext : JsonSerializerContext
{
}
