using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Sends the wrap-up through whichever of the two calls the org permits a client-credentials token. Which one works
/// is org-specific and not documented, so a 401/403 on one tries the other, and the call that worked is remembered.
/// Each call and Genesys's answer goes to the attempt journal of the intent being handled (<see cref="HandledIntent"/>).
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

    /// <summary>Returns the call that worked. Throws <see cref="GenesysApiException"/> (Auth when both were refused).</summary>
    public async Task<string> ApplyAsync(string conversationId, string participantId, string communicationId, string codeId, string? notes,
        CancellationToken cancellationToken)
    {
        var first = CurrentCall;
        var input = new WrapupInput { Code = codeId, Notes = notes };
        try
        {
            await SendAsync(first, conversationId, participantId, communicationId, input, cancellationToken);
            return first;
        }
        catch (GenesysApiException refused) when (refused.Kind == GenesysErrorKind.Auth)
        {
            var second = first == WrapUpCalls.CommunicationWrapup ? WrapUpCalls.ParticipantPatch : WrapUpCalls.CommunicationWrapup;
            logger.LogWarning("Genesys refused the {RefusedCall} wrap-up call ({StatusCode} {ErrorCode}); trying {FallbackCall}",
                first, (int?)refused.StatusCode, refused.ErrorCode, second);
            await SendAsync(second, conversationId, participantId, communicationId, input, cancellationToken);
            _workingCall = second;
            return second;
        }
    }

    private async Task SendAsync(string call, string conversationId, string participantId, string communicationId, WrapupInput input,
        CancellationToken cancellationToken)
    {
        try
        {
            await (call == WrapUpCalls.ParticipantPatch
                ? genesys.ApplyWrapupByParticipantPatchAsync(conversationId, participantId, input, cancellationToken)
                : genesys.ApplyCommunicationWrapupAsync(conversationId, participantId, communicationId, input, cancellationToken));
        }
        catch (GenesysApiException failed)
        {
            // Transient means no usable answer (timeout, 429, 5xx); every other kind is Genesys saying no.
            await JournalAsync(call, failed.Kind == GenesysErrorKind.Transient ? IntentAttempt.Error : IntentAttempt.Refused,
                (int?)failed.StatusCode, failed.Message);
            throw;
        }

        await JournalAsync(call, IntentAttempt.Ok, null,
            $"Genesys accepted code {input.Code} for participant {participantId} of conversation {conversationId}.");
        if (HandledIntent.Current is { } handled) handled.AcceptedCall = call;
    }

    private async Task JournalAsync(string call, string outcome, int? httpStatus, string detail)
    {
        if (HandledIntent.Current is not { } handled)
        {
            logger.LogDebug("A {WrapUpCall} wrap-up call outside an intent's handling is not journaled", call);
            return;
        }

        await journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = handled.IntentId,
            At = time.GetUtcNow(),
            Action = IntentAttempt.WrapUp(call),
            Outcome = outcome,
            HttpStatus = httpStatus,
            Detail = detail,
        }, logger);
    }
}
