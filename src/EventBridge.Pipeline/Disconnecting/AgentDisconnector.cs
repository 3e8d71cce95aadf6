using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Outcomes;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.Pipeline.Disconnecting;

/// <summary>
/// Disconnects an intent's agent once: the time is stored, so a resent or redelivered intent never sends it again
/// (Genesys refuses a second one, and the refusal costs a request the applies need).
/// </summary>
public sealed class AgentDisconnector(
    IIntentStore store,
    GenesysApiClient genesys,
    ConversationSnapshots snapshots,
    IntentOutcomes outcomes,
    IIntentAttemptJournal journal,
    TimeProvider time,
    ILogger<AgentDisconnector> logger)
{
    /// <summary>Null when the agent is disconnected (or nothing is left to do); else the intent's failure, for the dead-letter review.</summary>
    public async Task<FailedIntent?> DisconnectAsync(DisconnectAgent command, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var intent = await store.FindAsync(command.IntentId, cancellationToken);
        if (intent is null || intent.IsFinal || intent.DisconnectedAt is not null) return null;
        if (!AlreadyDisconnected(command))
        {
            try
            {
                await SendAsync(command, cancellationToken);
            }
            catch (GenesysApiException refused) when (refused.Kind is GenesysErrorKind.Auth or GenesysErrorKind.Permanent)
            {
                return await outcomes.FailAsync(publisher, intent, IntentFailure.RefusedBy(refused, command.ParticipantId), cancellationToken);
            }
        }

        await store.MarkDisconnectedAsync(intent.IntentId, time.GetUtcNow(), cancellationToken);
        return null;
    }

    /// <summary>A snapshot that already shows the agent's communication disconnected saves the call.</summary>
    private bool AlreadyDisconnected(DisconnectAgent command) =>
        snapshots.TryGetFresh(command.ConversationId)?.Participants?.FirstOrDefault(p => p.Id == command.ParticipantId) is { } agent
        && AgentSelector.IsDisconnected(agent);

    private async Task SendAsync(DisconnectAgent command, CancellationToken cancellationToken)
    {
        try
        {
            await genesys.DisconnectMessageParticipantAsync(command.ConversationId, command.ParticipantId, cancellationToken);
            logger.LogInformation("Disconnected agent participant {ParticipantId} of conversation {ConversationId} for intent {IntentId}",
                command.ParticipantId, command.ConversationId, command.IntentId);
            await JournalAsync(IntentAttempt.Ok, null, $"Disconnected agent participant {command.ParticipantId}.");
        }
        catch (GenesysApiException gone) when (gone.Kind is GenesysErrorKind.Conflict or GenesysErrorKind.NotFound)
        {
            // Already disconnected (a redelivery, or the agent was faster): that is what was asked for.
            logger.LogInformation("Agent participant {ParticipantId} of conversation {ConversationId} was already disconnected ({ErrorCode})",
                command.ParticipantId, command.ConversationId, gone.ErrorCode);
            await JournalAsync(IntentAttempt.Refused, gone, "Taken as already disconnected: " + gone.Message);
        }
        catch (GenesysApiException failed)
        {
            await JournalAsync(IntentAttempt.OutcomeOf(failed), failed, failed.Message);
            throw;
        }

        Task JournalAsync(string outcome, GenesysApiException? answer, string detail) => journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = command.IntentId, At = time.GetUtcNow(), Action = IntentAttempt.Disconnect, Outcome = outcome, Detail = detail,
        }.AnsweredWith(answer), logger);
    }
}
