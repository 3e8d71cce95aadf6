using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Whether a retry of this letter, with this edit, can change its outcome (<see cref="ReasonGuide"/>): refused, with
/// what to do instead, when the same intent would get the same answer from Genesys.
/// </summary>
internal static class RetryRules
{
    public static (string Title, string Detail)? Refusal(DeadLetter letter, StoredIntent? original, RetryEdit edit)
    {
        var advice = ReasonGuide.For(letter.Reason);
        if (letter.MessageKind == DeadLetterKinds.NotAnIntent || advice.Retry == RetryOffer.None)
            return ("A retry cannot change this outcome",
                $"Dead letter {letter.Id} failed with '{letter.Reason}' ({advice.Title}): {advice.WhatHappened} {advice.WhatToDo}");
        if (advice.Retry != RetryOffer.WithEdit) return null;

        var codeBefore = letter.WrapUpCode ?? original?.RequestedCode;
        var codeChanged = edit.WrapUpCode is { } code && !string.Equals(code.Trim(), codeBefore?.Trim(), StringComparison.OrdinalIgnoreCase);
        var notesChanged = edit.Notes is { } notes && notes != (letter.Notes ?? original?.Notes ?? "");
        // Only the code makes an invalid code valid; a malformed intent may have been wrong in its notes instead.
        var changedEnough = letter.Reason == EventBridge.Contracts.WrapUpFailureReasons.InvalidCode ? codeChanged : codeChanged || notesChanged;
        return changedEnough
            ? null
            : ("This letter needs a change to be retried",
                $"Dead letter {letter.Id} failed with '{letter.Reason}' ({advice.Title}): sent again unchanged it fails the same way. " +
                $"{advice.WhatToDo} Give wrapUpCode (GET /api/dead-letters/{letter.Id}/codes lists the codes the agent's queue offers).");
    }
}
