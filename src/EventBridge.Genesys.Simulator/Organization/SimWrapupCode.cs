namespace EventBridge.Genesys.Simulator.Organization;

/// <summary>A wrap-up code; <c>code</c> in API bodies is its id, people speak in its name.</summary>
public sealed record SimWrapupCode(string Id, string Name, DateTimeOffset DateCreated, string? Description = null);
