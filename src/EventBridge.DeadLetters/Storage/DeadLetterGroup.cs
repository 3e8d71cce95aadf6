namespace EventBridge.DeadLetters.Storage;

/// <summary>Open dead letters sharing a reason: what support works through first.</summary>
public sealed record DeadLetterGroup(string Reason, int Count, DateTimeOffset Oldest, DateTimeOffset Newest);
