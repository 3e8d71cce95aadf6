using EventBridge.Contracts;
using EventBridge.DeadLetters.Ingesting;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Every failure reason a letter can carry, in plain words, with the actions that can change its outcome. A retry is
/// offered only where it can: Genesys answers the same question the same way (a conversation that does not exist, an
/// agent who already has a code, an ACW that is over), so those letters can only be discarded.
/// </summary>
public static class ReasonGuide
{
    private const string ErrorPrefix = "error:";

    private static readonly Dictionary<string, ReasonAdvice> Known = new ReasonAdvice[]
    {
        new(WrapUpFailureReasons.InvalidCode, "Code not valid for the agent's queue",
            "The wrap-up code is not in the org's catalogue, or the agent's queue does not offer it, so Genesys would refuse it (400).",
            "Retry with a code the queue offers (pick it from the queue's codes), and fix the publisher's code mapping.", RetryOffer.WithEdit),
        new(WrapUpFailureReasons.ConversationNotFound, "Conversation not found",
            "Genesys has no conversation with this id for EventBridge's OAuth client (404): a wrong id, another org or region, or a deleted conversation.",
            "A retry would ask for the same id. Check the id the publisher sent against Genesys, then discard.", RetryOffer.None),
        new(WrapUpFailureReasons.NoAgentParticipant, "No agent in the conversation",
            "The conversation has no agent participant (or not the participant or user the intent named), so there is no one to wrap up.",
            "A retry would find the same participants. Check which agent handled it in Genesys, then discard.", RetryOffer.None),
        new(WrapUpFailureReasons.AlreadyWrappedUp, "The agent already has a code",
            "The agent (or another system) set a wrap-up code first. Genesys keeps one code per communication and EventBridge never overwrites it.",
            "Nothing to retry: the code shown is the one Genesys kept. If it is wrong, an agent or supervisor changes it in Genesys; discard the letter.", RetryOffer.None),
        new(WrapUpFailureReasons.AcwTimedOut, "After-call work timed out first",
            "The agent's ACW timeout ran out before the code landed, and Genesys applied its own timeout code.",
            "ACW is over, so a retry cannot land. Discard; if it happens often, look at the request budget and the ACW timeouts on the dashboard.", RetryOffer.None),
        new(WrapUpFailureReasons.AcwSkipped, "The agent skipped wrap-up",
            "The queue's wrap-up is optional and the agent skipped it: Genesys no longer takes a code for this communication.",
            "A retry cannot land after a skip. Discard; make wrap-up mandatory on the queue if every conversation needs a code.", RetryOffer.None),
        new(WrapUpFailureReasons.NotPermitted, "Not permitted",
            "Genesys refused both wrap-up calls to EventBridge's OAuth client (401/403): a missing role or division.",
            "Grant the client's role the wrap-up permissions (docs/DEPLOY.md lists them; the worker's `doctor` checks them), then retry; a group retry sends them all again.", RetryOffer.AsIs),
        new(WrapUpFailureReasons.Expired, "Wrap-up never started in time",
            "The agent did not enter after-call work before the intent's deadline, so EventBridge stopped waiting.",
            "Retry if the agent is still in the conversation or in ACW now; the new intent waits again until its own deadline.", RetryOffer.AsIs),
        new(WrapUpFailureReasons.RejectedAsMalformed, "The intent was malformed",
            "EventBridge refused the intent before any Genesys call: a field is missing or invalid (the letter's fault message says which).",
            "Retry with a corrected code or notes if the letter has a conversation id; else discard and ask the publisher to send a corrected intent.", RetryOffer.WithEdit),
        new(WrapUpFailureReasons.Superseded, "Replaced by a newer intent",
            "A newer intent for the same conversation and agent arrived before this one was applied; the newer one decides.",
            "Nothing to retry: look at the newer intent (search the conversation id). Discard.", RetryOffer.None),
        new(FaultReasons.Unreadable, "Unreadable message",
            "The message body could not be read as an intent (not JSON, or fields of the wrong type), so EventBridge never knew what it asked for.",
            "Sending the same bytes again fails again. Discard, and show the publisher the body (docs/raw-json-intents.md).", RetryOffer.None),
        new(FaultReasons.NotAnIntent, "Not an intent",
            "A message of a type the queue's consumer does not take: MassTransit set it aside (the _skipped queue).",
            "It is no intent, so there is nothing to retry. Discard, and tell its publisher which message to send instead.", RetryOffer.None),
    }.ToDictionary(advice => advice.Reason, StringComparer.Ordinal);

    public static IReadOnlyCollection<ReasonAdvice> All => Known.Values;

    /// <summary>The advice for a reason; "error:&lt;type&gt;" and reasons this version does not know are transient: retry as is.</summary>
    public static ReasonAdvice For(string reason)
    {
        if (Known.TryGetValue(reason, out var advice)) return advice;
        if (reason.StartsWith(ErrorPrefix, StringComparison.Ordinal))
            return new ReasonAdvice(reason, "Failed after retries",
                $"Handling the message failed with {reason[ErrorPrefix.Length..]} on every retry (Genesys or the store unreachable, a timeout): EventBridge's own fault, not Genesys's answer.",
                "Once the cause is gone (see the fault message and the worker's log), retry; a group retry sends them all again.", RetryOffer.AsIs);
        return new ReasonAdvice(reason, reason, "A reason this version of EventBridge does not describe.",
            "Read the fault message; a retry sends the intent again as it was.", RetryOffer.AsIs);
    }
}
