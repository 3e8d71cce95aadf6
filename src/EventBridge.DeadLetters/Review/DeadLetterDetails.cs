using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>Everything support needs to decide about one letter.</summary>
public sealed record DeadLetterDetails
{
    public required DeadLetter DeadLetter { get; init; }

    /// <summary>The letter's reason in plain words and the actions that can help (retry, retry with another code, discard).</summary>
    public required ReasonAdvice Advice { get; init; }

    /// <summary>The intent in the intent store; null when the body had no readable intent id or the intake never stored it.</summary>
    public IntentView? Intent { get; init; }

    /// <summary>The Genesys calls made for the intent (oldest first); null when no attempt journal is registered.</summary>
    public IReadOnlyList<IntentAttempt>? Attempts { get; init; }

    /// <summary>Earlier letters this one was retried from, this letter, and what it became; oldest first.</summary>
    public IReadOnlyList<RetryChainLink> RetryChain { get; init; } = [];

    /// <summary>Names of the wrap-up code ids the letter and its failure mention (id → name); empty without a catalogue.</summary>
    public IReadOnlyDictionary<string, string> CodeNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Support actions on this letter, newest first.</summary>
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];
}
