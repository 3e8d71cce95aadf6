namespace EventBridge.DeadLetters.Api;

/// <summary>POST /api/dead-letters/groups/{reason}/retry or /discard: <see cref="ExpectedCount"/> is the preview's <c>matching</c>.</summary>
public sealed record GroupActionRequest(int? ExpectedCount = null, string? Comment = null);
