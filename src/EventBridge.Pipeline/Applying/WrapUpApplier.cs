using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Sends the wrap-up through whichever of the two calls the org permits a client-credentials token. Which one works
/// is org-specific and not documented, so a 401/403 on one tries the other, and the call that worked is remembered.
/// Each call and Genesys's answer goes to the attempt journal of the intent it was made for.
/// </summary>
public sealed class WrapUpApplier(
    GenesysApiClient genesys,
    IIntentAttemptJournal journal,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<WrapUpApplier> logger)
{
    private string? _workingCall;

    /// <summary>The call used next (the last one that worked, else the configured preference).</summary>
    public string CurrentCall => _workingCall ?? options.Value.PreferredCall;

    /// <summary>
    /// Sends the intent's code to the participant in ACW that <paramref name="decision"/> names; returns the call that
    /// worked. Throws <see cref="GenesysApiException"/> (Auth when both were refused).
    /// </summary>
    public async Task<string> ApplyAsync(StoredIntent intent, WrapUpDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(decision);
        var first = CurrentCall;
        var call = new WrapUpCall(intent.IntentId, intent.ConversationId, decision.ParticipantId!, decision.CommunicationId!, decision.AcwTimesOutAt,
            new WrapupInput { Code = intent.CodeId, Notes = intent.Notes });
        try
        {
            await SendAsync(first, call, cancellationToken);
            return first;
        }
        catch (GenesysApiException refused) when (refused.Kind == GenesysErrorKind.Auth)
        {
            var second = first == WrapUpCalls.CommunicationWrapup ? WrapUpCalls.ParticipantPatch : WrapUpCalls.CommunicationWrapup;
            logger.LogWarning("Genesys refused the {RefusedCall} wrap-up call ({StatusCode} {ErrorCode}); trying {FallbackCall}",
                first, (int?)refused.StatusCode, refused.ErrorCode, second);
            await SendAsync(second, call, cancellationToken);
            _workingCall = second;
            return second;
        }
    }

    private async Task SendAsync(string via, WrapUpCall call, CancellationToken cancellationToken)
    {
        try
        {
            await (via == WrapUpCalls.ParticipantPatch
                ? genesys.ApplyWrapupByParticipantPatchAsync(call.ConversationId, call.ParticipantId, call.Input, call.AcwTimesOutAt, cancellationToken)
                : genesys.ApplyCommunicationWrapupAsync(call.ConversationId, call.ParticipantId, call.CommunicationId, call.Input, call.AcwTimesOutAt,
                    cancellationToken));
        }
        catch (GenesysApiException failed)
        {
            // Transient means no usable answer (timeout, 429, 5xx); every other kind is Genesys saying no.
            await JournalAsync(call.IntentId, via, failed.Kind == GenesysErrorKind.Transient ? IntentAttempt.Error : IntentAttempt.Refused,
                (int?)failed.StatusCode, failed.Message);
            throw;
        }

        await JournalAsync(call.IntentId, via, IntentAttempt.Ok, null,
            $"Genesys accepted code {call.Input.Code} for participant {call.ParticipantId} of conversation {call.ConversationId}.");
    }

    private async Task JournalAsync(Guid intentId, string call, string outcome, int? httpStatus, string detail)
    {
        await journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = intentId,
            At = time.GetUtcNow(),
            Action = IntentAttempt.WrapUp(call),
            Outcome = outcome,
            HttpStatus = httpStatus,
            Detail = detail,
        }, logger);
    }

    private sealed record WrapUpCall(Guid IntentId, string ConversationId, string ParticipantId, string CommunicationId, DateTimeOffset? AcwTimesOutAt,
        WrapupInput Input);
}
