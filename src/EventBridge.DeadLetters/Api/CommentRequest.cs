namespace EventBridge.DeadLetters.Api;

/// <summary>POST /api/dead-letters/{id}/discard or /restore.</summary>
public sealed record CommentRequest(string? Comment = null);
