namespace EventBridge.Genesys.Simulator.Faults;

/// <summary>The next <c>Count</c> API calls (whose path starts with <c>PathPrefix</c>, if given) answer <c>Status</c>.</summary>
public sealed record ErrorBurst(int Count, int Status, string? PathPrefix = null);
