namespace EventBridge.Pipeline.Outcomes;

/// <summary>
/// Why an intent cannot succeed, as decided by the intake, the settler or the disconnector — a value, not an
/// exception: expected business outcomes (an unknown code, an agent who chose another code) are not errors.
/// </summary>
public sealed record IntentFailure(string Reason, string Detail, string? ParticipantId = null);

/// <summary>A failure as the store kept it (the first outcome wins): what the dead-letter review is told.</summary>
public sealed record FailedIntent(Guid? IntentId, string ConversationId, string Reason, string Detail, DateTimeOffset FailedAt);
