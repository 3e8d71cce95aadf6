namespace EventBridge.DeadLetters.Review;

/// <summary>A review call's answer: a value, or why not (title and detail written for support, with the ids involved).</summary>
public sealed record ReviewResult<T>(ReviewOutcome Outcome, T? Value, string? Title = null, string? Detail = null)
{
    public bool IsOk => Outcome == ReviewOutcome.Ok;
}

/// <summary>Builds <see cref="ReviewResult{T}"/>s.</summary>
public static class ReviewResult
{
    public static ReviewResult<T> Ok<T>(T value) => new(ReviewOutcome.Ok, value);

    public static ReviewResult<T> Failed<T>(ReviewOutcome outcome, string title, string detail, T? value = default) => new(outcome, value, title, detail);
}
