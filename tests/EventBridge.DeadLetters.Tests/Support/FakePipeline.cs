using System.Collections.Concurrent;
using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Outcomes;
using EventBridge.Pipeline.Storage;
using MassTransit;

namespace EventBridge.DeadLetters.Tests.Support;

/// <summary>
/// Stands in for the worker's consumers on the real queue names, failing the way they fail: store the failed intent,
/// then return the failure, which the consumer dead-letters with the worker's own <see cref="DecidedFailureLetters"/>
/// (reason as a header); or throw, so MassTransit moves the message with its fault headers. Codes choose the failure;
/// any other code is received (the retried intents land here).
/// </summary>
public sealed class FakePipeline(IIntentStore intents, IIntentAttemptJournal journal)
{
    /// <summary>Stored as Failed/invalid-code with a Genesys answer and an attempt, then dead-lettered.</summary>
    public const string InvalidCode = "BAD_CODE";

    /// <summary>Another code that fails as <see cref="InvalidCode"/> does: what support picks when the pick is wrong too.</summary>
    public const string OtherInvalidCode = "BAD_CODE_TOO";

    /// <summary>Dead-lettered as rejected-as-malformed without storing (the intake does not store a malformed intent).</summary>
    public const string Malformed = "MALFORMED";

    /// <summary>An exception (transient retries exhausted): MassTransit's own fault path.</summary>
    public const string Flaky = "FLAKY";

    public const string GenesysAnswer = "Genesys answered 400 bad.request: wrapup code BAD_CODE is not valid for queue q-1";

    public ConcurrentQueue<WrapUpIntent> Received { get; } = new();

    public IIntentStore Intents => intents;

    public async Task<FailedIntent?> TakeAsync(WrapUpIntent intent, CancellationToken cancellationToken)
    {
        switch (intent.WrapUpCode)
        {
            case InvalidCode or OtherInvalidCode:
                await StoreFailedAsync(intent, cancellationToken);
                return new FailedIntent(intent.IntentId, intent.ConversationId, WrapUpFailureReasons.InvalidCode, GenesysAnswer, DateTimeOffset.UtcNow);
            case Malformed:
                return new FailedIntent(intent.IntentId, intent.ConversationId, WrapUpFailureReasons.RejectedAsMalformed,
                    "The intent is malformed: notes are too long.", DateTimeOffset.UtcNow);
            case Flaky:
                throw new InvalidOperationException("Genesys answered 503 five times in a row.");
            default:
                Received.Enqueue(intent);
                return null;
        }
    }

    public async Task<FailedIntent?> SettleAsync(SettleWrapUpIntent command, CancellationToken cancellationToken)
    {
        var stored = await intents.FindAsync(command.IntentId, cancellationToken);
        return new FailedIntent(command.IntentId, command.ConversationId, stored?.FailureReason ?? "acw-timed-out", "ACW ran out before the code landed.",
            DateTimeOffset.UtcNow);
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
