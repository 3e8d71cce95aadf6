namespace EventBridge.Genesys.Simulator.Organization;

/// <summary>A routing queue and the wrap-up codes assigned to it.</summary>
public sealed record SimQueue(string Id, string Name, IReadOnlyList<string> WrapupCodeIds);
