namespace EventBridge.DeadLetters.Api;

/// <summary>POST /api/dead-letters/{id}/retry. Every field is optional; null keeps the original code or notes.</summary>
public sealed record RetryRequest(string? WrapUpCode = null, string? Notes = null, string? Comment = null);
