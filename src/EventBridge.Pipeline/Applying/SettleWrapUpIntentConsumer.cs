using EventBridge.Genesys.Http;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Settles one intent. Around the settler it journals the confirmation of an accepted wrap-up: after Genesys accepted
/// the call, the settler re-reads the conversation, and how that ends says whether the code is really there.
/// </summary>
public sealed class SettleWrapUpIntentConsumer(
    IntentSettler settler,
    IIntentAttemptJournal journal,
    TimeProvider time,
    ILogger<SettleWrapUpIntentConsumer> logger) : IConsumer<SettleWrapUpIntent>
{
    public async Task Consume(ConsumeContext<SettleWrapUpIntent> context)
    {
        using var handled = HandledIntent.Begin(context.Message.IntentId, context.Message.ConversationId, logger);
        try
        {
            await settler.SettleAsync(context.Message.IntentId, context.Message.Trigger, context,
                repeated: context.GetRetryAttempt() > 0 || context.ReceiveContext.Redelivered, context.CancellationToken);
        }
        catch (WrapUpNotConfirmedException notShown) when (handled.AcceptedCall is not null)
        {
            await JournalConfirmAsync(handled, IntentAttempt.Refused, null, notShown.Message);
            throw;
        }
        catch (WrapUpFailedException failed) when (handled.AcceptedCall is not null)
        {
            await JournalConfirmAsync(handled, IntentAttempt.Refused, null, failed.Message);
            throw;
        }
        catch (GenesysApiException unread) when (handled.AcceptedCall is not null)
        {
            await JournalConfirmAsync(handled, unread.Kind == GenesysErrorKind.Transient ? IntentAttempt.Error : IntentAttempt.Refused,
                (int?)unread.StatusCode, unread.Message);
            throw;
        }

        // The settler only returns normally after an accepted call once the re-read showed the code.
        if (handled.AcceptedCall is { } call)
            await JournalConfirmAsync(handled, IntentAttempt.Ok, null, $"Genesys shows the code sent with {call} on the participant.");
    }

    private Task JournalConfirmAsync(HandledIntent handled, string outcome, int? httpStatus, string detail) =>
        journal.TryRecordAsync(new IntentAttempt
        {
            IntentId = handled.IntentId,
            At = time.GetUtcNow(),
            Action = IntentAttempt.Confirm,
            Outcome = outcome,
            HttpStatus = httpStatus,
            Detail = detail,
        }, logger);
}
