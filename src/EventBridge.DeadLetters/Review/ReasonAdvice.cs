using System.Text.Json.Serialization;

namespace EventBridge.DeadLetters.Review;

/// <summary>What a retry of a letter with this reason may be: none, as it was, or only with a change support makes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetryOffer>))]
public enum RetryOffer
{
    /// <summary>A retry would ask Genesys the same question and get the same answer: discard only.</summary>
    None,

    /// <summary>The cause can go away (a permission granted, a broker back): retry as it was, alone or as a group.</summary>
    AsIs,

    /// <summary>Only a changed intent can succeed: retry one letter at a time with another code (or notes).</summary>
    WithEdit,
}

/// <summary>One failure reason in support's words: what happened, what support can do, which actions can help.</summary>
public sealed record ReasonAdvice(string Reason, string Title, string WhatHappened, string WhatToDo, RetryOffer Retry)
{
    public bool CanRetry => Retry != RetryOffer.None;

    /// <summary>Retry as is, so a whole group can go again after its cause was fixed; an edit is per letter.</summary>
    public bool CanRetryGroup => Retry == RetryOffer.AsIs;

    /// <summary>Discarding is always possible: it only archives the letter (and can be undone by a restore).</summary>
    public bool CanDiscard { get; init; } = true;
}
