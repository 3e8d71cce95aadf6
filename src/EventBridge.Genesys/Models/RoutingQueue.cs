namespace EventBridge.Genesys.Models;

/// <summary>The parts of a routing <c>Queue</c> EventBridge reads: its name and the ACW settings Genesys copies onto agents.</summary>
public sealed record RoutingQueue
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public AcwSettings? AcwSettings { get; init; }
}

/// <summary><c>wrapupPrompt</c> (mandatory, optional, timeout, forcedTimeout, agentRequested) and its timeout.</summary>
public sealed record AcwSettings
{
    public string? WrapupPrompt { get; init; }
    public long? TimeoutMs { get; init; }
}
