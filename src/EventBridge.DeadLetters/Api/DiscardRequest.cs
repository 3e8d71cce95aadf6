namespace EventBridge.DeadLetters.Api;

/// <summary>POST /api/dead-letters/{id}/discard.</summary>
public sealed record DiscardRequest(string? Comment = null);
