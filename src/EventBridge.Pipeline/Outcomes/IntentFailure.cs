using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;

namespace EventBridge.Pipeline.Outcomes;

/// <summary>
/// Why an intent cannot succeed, as decided by the intake, the settler or the disconnector — a value, not an
/// exception: expected business outcomes (an unknown code, an agent who chose another code) are not errors.
/// </summary>
public sealed record IntentFailure(string Reason, string Detail, string? ParticipantId = null, string? QueueId = null)
{
    /// <summary>
    /// Genesys refused a call for good (401/403: the OAuth client lacks a permission; 400: the request itself is
    /// rejected): retrying cannot help, so the intent fails with what Genesys said.
    /// </summary>
    public static IntentFailure RefusedBy(GenesysApiException refused, string? participantId = null) => new(
        refused.Kind == GenesysErrorKind.Auth ? WrapUpFailureReasons.NotPermitted : WrapUpFailureReasons.RejectedAsMalformed,
        $"Genesys refused {refused.Method} {refused.Path}: {refused.Message}", participantId);
}

/// <summary>A failure as the store kept it (the first outcome wins): what the dead-letter review is told.</summary>
public sealed record FailedIntent(Guid? IntentId, string ConversationId, string Reason, string Detail, DateTimeOffset FailedAt);
