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
}
