namespace EventBridge.DeadLetters.Api;

/// <summary>POST /api/dead-letters/groups/{reason}/retry: <see cref="ExpectedCount"/> is the preview's <c>matching</c>.</summary>
public sealed record GroupRetryRequest(int? ExpectedCount = null, string? Comment = null);
