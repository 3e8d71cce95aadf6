using EventBridge.Contracts;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>The intent a retry sends: a new id, the failed intent's target, the code and notes as they were or as edited.</summary>
internal static class RetryIntentBuilder
{
    /// <summary>The new intent: the letter's fields, else the stored intent's (a settle command carries ids only), then the edit.</summary>
    public static ReviewResult<WrapUpIntent> Build(DeadLetter letter, StoredIntent? original, RetryEdit edit, string actor)
    {
        var conversationId = letter.ConversationId ?? original?.ConversationId;
        if (string.IsNullOrWhiteSpace(conversationId))
            return ReviewResult.Failed<WrapUpIntent>(ReviewOutcome.Invalid, "The dead letter has no conversation id",
                $"Dead letter {letter.Id} ({letter.Reason}) has no readable conversation id, so there is no conversation to retry it on. " +
                "It can only be discarded; ask the publisher to send a corrected intent.");

        var code = edit.WrapUpCode ?? letter.WrapUpCode ?? original?.RequestedCode;
        if (string.IsNullOrWhiteSpace(code))
            return ReviewResult.Failed<WrapUpIntent>(ReviewOutcome.Invalid, "The dead letter has no wrap-up code",
                $"Dead letter {letter.Id} has no readable wrap-up code: give wrapUpCode to retry it.");

        var intent = new WrapUpIntent
        {
            IntentId = Guid.NewGuid(),
            ConversationId = conversationId.Trim(),
            WrapUpCode = code.Trim(),
            Notes = edit.Notes is null ? letter.Notes ?? original?.Notes : edit.Notes.Length == 0 ? null : edit.Notes,
            ParticipantId = letter.ParticipantId ?? original?.ParticipantId,
            UserId = letter.UserId ?? original?.UserId,
            Disconnect = letter.Disconnect ?? original?.Disconnect ?? false,
            RequestedBy = "support:" + actor,
        };
        var problems = IntentValidator.Validate(intent);
        if (problems.Count > 0)
            return ReviewResult.Failed<WrapUpIntent>(ReviewOutcome.Invalid, "The retried intent would be malformed",
                $"Dead letter {letter.Id} cannot be retried as it is: {string.Join("; ", problems)}. Edit the code or notes, or discard it.");
        return ReviewResult.Ok<WrapUpIntent>(intent);
    }
}
