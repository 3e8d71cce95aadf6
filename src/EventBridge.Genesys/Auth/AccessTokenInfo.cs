namespace EventBridge.Genesys.Auth;

/// <summary>What is known about the cached token, without the token itself (safe to log or export).</summary>
public sealed record AccessTokenInfo(DateTimeOffset AcquiredAt, DateTimeOffset RefreshAt, DateTimeOffset ExpiresAt, long Refreshes);
