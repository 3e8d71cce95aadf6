using EventBridge.Genesys.Http;

namespace EventBridge.Pipeline.Storage;

internal static class IntentAttemptJournalExtensions
{
    /// <summary>
    /// Records the attempt, or logs why it could not. The journal is for diagnosis: an apply must never fail, or be
    /// cancelled between a Genesys call and its outcome, because a journal row could not be written.
    /// </summary>
    public static async Task TryRecordAsync(this IIntentAttemptJournal journal, IntentAttempt attempt, ILogger logger)
    {
        try
        {
            await journal.RecordAsync(attempt, CancellationToken.None);
        }
        catch (Exception failed)
        {
            logger.LogWarning(failed, "Could not journal the {AttemptAction} attempt ({AttemptOutcome}) of intent {IntentId}; the intent carries on",
                attempt.Action, attempt.Outcome, attempt.IntentId);
        }
    }

    /// <summary>
    /// Records a conversation read: a failure decided from a read (conversation-not-found, not permitted) must show that
    /// Genesys answered it, not look like EventBridge's own reasoning with no call made.
    /// </summary>
    public static Task TryRecordReadAsync(this IIntentAttemptJournal journal, Guid intentId, DateTimeOffset at, GenesysApiException? failure,
        ILogger logger) =>
        journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = intentId,
            At = at,
            Action = IntentAttempt.Read,
            Outcome = failure is null ? IntentAttempt.Ok : failure.Kind == GenesysErrorKind.Transient ? IntentAttempt.Error : IntentAttempt.Refused,
            HttpStatus = (int?)failure?.StatusCode,
            Detail = failure?.Message ?? "Genesys returned the conversation.",
        }, logger);
}
