namespace EventBridge.Genesys.Simulator.Organization;

/// <summary>An agent.</summary>
public sealed record SimUser(string Id, string Name);
