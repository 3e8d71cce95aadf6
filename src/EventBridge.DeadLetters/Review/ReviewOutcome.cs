namespace EventBridge.DeadLetters.Review;

/// <summary>How a review call ended; the API maps each to an HTTP status (200/202, 404, 409, 400, 503).</summary>
public enum ReviewOutcome
{
    Ok,
    NotFound,

    /// <summary>The letter is not Open any more, or a group changed since its preview.</summary>
    Conflict,

    /// <summary>The request cannot be carried out as asked (an empty code, a letter without a conversation id).</summary>
    Invalid,

    /// <summary>The broker did not confirm the new intent in time; nothing changed.</summary>
    Unavailable,
}
