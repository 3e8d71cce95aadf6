namespace EventBridge.Genesys.Simulator.Auth;

/// <summary>A client-credentials access token; Genesys gives no refresh token and no user context.</summary>
internal sealed record IssuedToken(string Value, string ClientId, DateTimeOffset ExpiresAt);
