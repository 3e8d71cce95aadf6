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
/// Until one has worked, settles learn it one at a time: a burst's first concurrent settles would otherwise each spend
/// a refused call (and the token handler's re-login and resend) while the budget is shortest.
/// Each call and Genesys's answer goes to the attempt journal of the intent it was made for.
/// </summary>
public sealed class WrapUpApplier(
    GenesysApiClient genesys,
    IIntentAttemptJournal journal,
    IOptions<WrapUpPipelineOptions> options,
    TimeProvider time,
    ILogger<WrapUpApplier> logger) : IDisposable
{
    private static readonly TimeSpan LongestLearningWait = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _learning = new(1, 1);
    private volatile string? _workingCall;

    /// <summary>The call used next (the last one that worked, else the configured preference).</summary>
    public string CurrentCall => _workingCall ?? options.Value.PreferredCall;

    /// <summary>
    /// Sends the intent's code to the participant in ACW that <paramref name="decision"/> names; returns the call that
    /// worked. Throws <see cref="GenesysApiException"/> (Auth when both were refused), or
    /// <see cref="CallNoLongerWantedException"/> when <paramref name="sendOnlyWhile"/> (the claim still held) said no as a call was leaving.
    /// </summary>
    public async Task<string> ApplyAsync(StoredIntent intent, WrapUpDecision decision, CancellationToken cancellationToken, Func<bool>? sendOnlyWhile = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(decision);
        var call = new WrapUpCall(intent.IntentId, intent.ConversationId, decision.ParticipantId!, decision.CommunicationId!, decision.AcwTimesOutAt,
            new WrapupInput { Code = intent.CodeId, Notes = intent.Notes }, sendOnlyWhile);
        // A learner whose call hangs or is retried (up to Genesys:CallTimeout) must not hold every agent's ACW clock:
        // past this wait a settle goes with the preference unlearned, risking one refused call rather than the code.
        if (_workingCall is null && await _learning.WaitAsync(LongestLearningWait, cancellationToken))
        {
            try
            {
                // Still unknown: this settle learns it. Otherwise the one before it did, and this one goes without the
                // lock. If that one failed for another reason (a 409, a timeout), this one tries the preference again.
                if (_workingCall is null)
                    return await ApplyWithFallbackAsync(CurrentCall, call, cancellationToken);
            }
            finally
            {
                _learning.Release();
            }
        }

        return await ApplyWithFallbackAsync(CurrentCall, call, cancellationToken);
    }

    private async Task<string> ApplyWithFallbackAsync(string first, WrapUpCall call, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(first, call, cancellationToken);
            _workingCall = first;
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
                ? genesys.ApplyWrapupByParticipantPatchAsync(call.ConversationId, call.ParticipantId, call.Input, call.AcwTimesOutAt, call.SendOnlyWhile,
                    cancellationToken)
                : genesys.ApplyCommunicationWrapupAsync(call.ConversationId, call.ParticipantId, call.CommunicationId, call.Input, call.AcwTimesOutAt,
                    call.SendOnlyWhile, cancellationToken));
        }
        catch (GenesysApiException failed)
        {
            await JournalAsync(call.IntentId, via, IntentAttempt.OutcomeOf(failed), failed, failed.Message);
            throw;
        }

        await JournalAsync(call.IntentId, via, IntentAttempt.Ok, null,
            $"Genesys accepted code {call.Input.Code} for participant {call.ParticipantId} of conversation {call.ConversationId}.");
    }

    private async Task JournalAsync(Guid intentId, string call, string outcome, GenesysApiException? answer, string detail)
    {
        await journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = intentId,
            At = time.GetUtcNow(),
            Action = IntentAttempt.WrapUp(call),
            Outcome = outcome,
            Detail = detail,
        }.AnsweredWith(answer), logger);
    }

    public void Dispose() => _learning.Dispose();

    private sealed record WrapUpCall(Guid IntentId, string ConversationId, string ParticipantId, string CommunicationId, DateTimeOffset? AcwTimesOutAt,
        WrapupInput Input, Func<bool>? SendOnlyWhile);
}
