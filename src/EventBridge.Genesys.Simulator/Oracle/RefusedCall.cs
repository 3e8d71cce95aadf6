namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>An API call answered with an error status.</summary>
public sealed record RefusedCall(string Method, string Path, int Status, string? Code, string? Why, DateTimeOffset At);
