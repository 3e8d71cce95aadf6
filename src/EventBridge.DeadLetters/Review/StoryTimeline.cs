using System.Globalization;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>Puts an intent's records in one time order, each step saying who spoke: Genesys, EventBridge or support.</summary>
internal static class StoryTimeline
{
    public const string Genesys = "genesys";
    public const string EventBridge = "eventbridge";
    public const string Support = "support";

    public static IReadOnlyList<StoryEvent> Of(StoredIntent intent, IReadOnlyList<IntentAttempt> attempts, IReadOnlyList<DeadLetterSummary> own,
        IReadOnlyList<DeadLetterSummary> retriedFrom, IReadOnlyList<AuditEntry> audit)
    {
        var events = new List<StoryEvent>();
        foreach (var letter in retriedFrom)
            events.Add(new(letter.ResolvedAt ?? intent.ReceivedAt, "retried-from", Support,
                Invariant($"Sent by support ({letter.ResolvedBy}) as a retry of dead letter {letter.Id} ({letter.Reason}).")));
        events.Add(new(intent.ReceivedAt, "received", EventBridge,
            Invariant($"Received from {intent.RequestedBy ?? "an unnamed caller"}: code '{intent.RequestedCode}'{(intent.Disconnect ? ", disconnect the agent" : "")}, deadline {intent.Deadline:u}."),
            intent.CodeId is null ? null : Invariant($"Code '{intent.CodeName}' is id {intent.CodeId}.")));
        if (intent.AcceptedAt is { } accepted)
            events.Add(new(accepted, "accepted", EventBridge,
                Invariant($"Accepted: code '{intent.CodeName ?? intent.RequestedCode}' resolved and the conversation's topics subscribed; the caller was told (WrapUpAccepted).")));
        if (intent.DisconnectedAt is { } disconnected)
            events.Add(new(disconnected, "disconnected", EventBridge, "EventBridge disconnected the agent."));
        if (intent.AcwStartedAt is { } acw)
            events.Add(new(acw, "acw-entered", Genesys, "The agent entered after-call work (Genesys's time)."));
        foreach (var attempt in attempts)
        {
            // An attempt without a status and not ok got no answer (timeout, network): EventBridge's own account of it.
            var answered = attempt.Outcome == IntentAttempt.Ok || attempt.HttpStatus is not null;
            var status = attempt.HttpStatus is { } code ? Invariant($" {code}") : "";
            var said = attempt.GenesysCode is { Length: > 0 } genesysCode ? Invariant($" {genesysCode}") : "";
            events.Add(new(attempt.At, "genesys-call", answered ? Genesys : EventBridge,
                Invariant($"{attempt.Action}: {attempt.Outcome}{status}{said}"), DetailOf(attempt)));
        }

        if (intent.CompletedAt is { } completed)
            events.Add(intent.Status == IntentStatus.Applied
                ? new(completed, "applied", EventBridge, Invariant($"Applied '{intent.CodeName ?? intent.RequestedCode}' via {intent.AppliedVia} to participant {intent.AppliedParticipantId}."))
                : new(completed, "failed", EventBridge, Invariant($"Failed: {intent.FailureReason}{(intent.SupersededBy is { } by ? $" by intent {by}" : "")}."), intent.FailureDetail));
        foreach (var letter in own)
        {
            events.Add(new(letter.FailedAt, "dead-lettered", EventBridge, Invariant($"Dead letter {letter.Id} from {letter.Queue}: {letter.Reason}."), letter.FaultMessage));
            if (letter.RetriedAsIntentId is { } next)
                events.Add(new(letter.ResolvedAt ?? letter.FailedAt, "retried", Support, Invariant($"Retried by {letter.ResolvedBy} as intent {next}.")));
        }

        foreach (var entry in audit)
            events.Add(new(entry.At, "audit", Support, Invariant($"{entry.Actor}: {entry.Action} on {entry.Target}."), entry.Comment));
        return [.. events.OrderBy(e => e.At)];
    }

    // Genesys's own words first, labelled as such, then EventBridge's account of the call.
    private static string DetailOf(IntentAttempt attempt)
    {
        var lines = new List<string>();
        if (attempt.GenesysMessage is { Length: > 0 } message) lines.Add($"Genesys said: {message}");
        if (attempt.ContextId is { Length: > 0 } contextId) lines.Add($"contextId (quote it to Genesys support): {contextId}");
        lines.Add(attempt.Detail);
        return string.Join('\n', lines);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
