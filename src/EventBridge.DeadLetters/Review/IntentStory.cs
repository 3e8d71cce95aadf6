using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Everything that happened to one intent, for support: the intent as stored, one timeline (received, disconnected,
/// each Genesys call with its answer, after-call work, the outcome, dead-lettered, retried, audited actions), and the
/// records behind it.
/// </summary>
public sealed record IntentStory
{
    public required IntentView Intent { get; init; }

    /// <summary>Oldest first.</summary>
    public required IReadOnlyList<StoryEvent> Timeline { get; init; }

    /// <summary>The Genesys calls made for it, oldest first (empty when no journal is kept).</summary>
    public IReadOnlyList<IntentAttempt> Attempts { get; init; } = [];

    /// <summary>Its own dead letters (a message can fail on intake and again on settle).</summary>
    public IReadOnlyList<DeadLetterSummary> DeadLetters { get; init; } = [];

    /// <summary>The letters support retried as this intent: where it came from.</summary>
    public IReadOnlyList<DeadLetterSummary> RetriedFrom { get; init; } = [];

    /// <summary>Support's actions on those letters, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Names of the wrap-up code ids its texts mention (Genesys speaks of codes by id); empty when they cannot be read.</summary>
    public IReadOnlyDictionary<string, string> CodeNames { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One step of a story. <see cref="Source"/> says who speaks: "genesys" only for what Genesys answered (an attempt's
/// outcome and status), "eventbridge" for the worker's own decisions, "support" for a person's action.
/// </summary>
public sealed record StoryEvent(DateTimeOffset At, string Kind, string Source, string Text, string? Detail = null);

/// <summary>What a search found: the stories of the matching intents, and letters whose intent is not in the store.</summary>
public sealed record SearchResult(string Query, IReadOnlyList<IntentStory> Intents, IReadOnlyList<DeadLetterSummary> LettersWithoutIntent, bool Truncated);
