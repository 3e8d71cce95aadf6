using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// A conversation read for an intent, the one way intake and settling read: kept as the latest snapshot, and journalled
/// with Genesys's answer, so a failure decided from a read (conversation-not-found, not permitted) shows that Genesys
/// answered it instead of looking like EventBridge's own reasoning with no call made.
/// </summary>
public sealed class ConversationReads(GenesysApiClient genesys, ConversationSnapshots snapshots, IIntentAttemptJournal journal, TimeProvider time,
    ILogger<ConversationReads> logger)
{
    /// <summary>Throws <see cref="GenesysApiException"/> as the client does; the caller decides what a refusal means.</summary>
    public async Task<Conversation> ReadAsync(Guid intentId, string conversationId, GenesysCallPriority priority, CancellationToken cancellationToken)
    {
        Conversation conversation;
        try
        {
            conversation = await genesys.GetConversationAsync(conversationId, priority, cancellationToken);
        }
        catch (GenesysApiException failed)
        {
            await JournalAsync(intentId, failed);
            throw;
        }

        snapshots.Record(conversation);
        await JournalAsync(intentId, null);
        return conversation;
    }

    private Task JournalAsync(Guid intentId, GenesysApiException? failure) =>
        journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = intentId,
            At = time.GetUtcNow(),
            Action = IntentAttempt.Read,
            Outcome = IntentAttempt.OutcomeOf(failure),
            Detail = failure?.Message ?? "Genesys returned the conversation.",
        }.AnsweredWith(failure), logger);
}
