namespace EventBridge.Genesys.Simulator.Conversations;

internal sealed record AppliedCode(string Id, string Name, string? Notes, IReadOnlyList<string>? Tags, int? DurationSeconds, DateTimeOffset EndTime);
