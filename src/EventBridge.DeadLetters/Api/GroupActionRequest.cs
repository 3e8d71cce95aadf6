namespace EventBridge.DeadLetters.Api;

/// <summary>POST /api/dead-letters/groups/{reason}/retry or /discard: <see cref="ExpectedCount"/> is the preview's <c>matching</c>.</summary>
/// <param name="FailedBefore">Only the letters that failed before this instant (the same as the preview's): ISO 8601 with its zone.</param>
public sealed record GroupActionRequest(int? ExpectedCount = null, string? Comment = null, string? FailedBefore = null);
