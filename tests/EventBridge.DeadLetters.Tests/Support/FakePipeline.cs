using System.Collections.Concurrent;
using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.DeadLetters.Tests.Support;

/// <summary>
/// Stands in for the worker's consumers on the real queue names, failing the way they fail: store the failed intent,
/// then throw WrapUpFailedException with the reason first, so MassTransit moves the message to the _error queue with
/// the real fault headers. Codes choose the failure; any other code is received (the retried intents land here).
/// </summary>
public sealed class FakePipeline(IIntentStore intents, IIntentAttemptJournal journal)
{
    /// <summary>Stored as Failed/invalid-code with a Genesys answer and an attempt, then thrown.</summary>
    public const string InvalidCode = "BAD_CODE";

    /// <summary>Thrown as rejected-as-malformed without storing (the intake does not store a malformed intent).</summary>
    public const string Malformed = "MALFORMED";

    /// <summary>An exception that is no WrapUpFailedException (transient retries exhausted).</summary>
    public const string Flaky = "FLAKY";

    public const string GenesysAnswer = "Genesys answered 400 bad.request: wrapup code BAD_CODE is not valid for queue q-1";

    public ConcurrentQueue<WrapUpIntent> Received { get; } = new();

    public IIntentStore Intents => intents;

    public async Task TakeAsync(WrapUpIntent intent, CancellationToken cancellationToken)
    {
        switch (intent.WrapUpCode)
        {
            case InvalidCode:
                await StoreFailedAsync(intent, cancellationToken);
                throw new WrapUpFailedException(intent.IntentId, WrapUpFailureReasons.InvalidCode, GenesysAnswer);
            case Malformed:
                throw new WrapUpFailedException(intent.IntentId, WrapUpFailureReasons.RejectedAsMalformed, "The intent is malformed: notes are too long.");
            case Flaky:
                throw new InvalidOperationException("Genesys answered 503 five times in a row.");
            default:
                Received.Enqueue(intent);
                return;
        }
    }

    public async Task SettleAsync(SettleWrapUpIntent command, CancellationToken cancellationToken)
    {
        var stored = await intents.FindAsync(command.IntentId, cancellationToken);
        throw new WrapUpFailedException(command.IntentId, stored?.FailureReason ?? "acw-timed-out", "ACW ran out before the code landed.");
    }

    public async Task StoreFailedAsync(WrapUpIntent intent, CancellationToken cancellationToken, string reason = WrapUpFailureReasons.InvalidCode)
    {
        var now = DateTimeOffset.UtcNow;
        await intents.RegisterAsync(new StoredIntent
        {
            IntentId = intent.IntentId,
            ConversationId = intent.ConversationId,
            RequestedCode = intent.WrapUpCode,
            Notes = intent.Notes,
            ParticipantId = intent.ParticipantId,
            UserId = intent.UserId,
            Disconnect = intent.Disconnect,
            RequestedBy = intent.RequestedBy,
            Deadline = now.AddHours(2),
            Status = IntentStatus.Pending,
            ReceivedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
        await journal.RecordAsync(new IntentAttempt
        {
            IntentId = intent.IntentId,
            At = now,
            Action = IntentAttempt.WrapUp("communication-wrapup"),
            Outcome = IntentAttempt.Refused,
            HttpStatus = 400,
            Detail = GenesysAnswer,
        }, cancellationToken);
        await intents.TryCompleteAsync(intent.IntentId, IntentCompletion.Failed(reason, GenesysAnswer, now), cancellationToken);
    }
}
