namespace EventBridge.Genesys.Simulator.Control;

/// <summary>A notification channel as the control API sees it.</summary>
public sealed record ChannelInfo(string Id, string ClientId, IReadOnlyList<string> Topics, bool Connected, DateTimeOffset ExpiresAt);
