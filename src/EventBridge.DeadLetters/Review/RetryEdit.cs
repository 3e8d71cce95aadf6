namespace EventBridge.DeadLetters.Review;

/// <summary>
/// What support changes before a retry. Null keeps the original; <see cref="Notes"/> "" clears the notes.
/// <see cref="WrapUpCode"/> must not be blank when given.
/// </summary>
public sealed record RetryEdit(string? WrapUpCode = null, string? Notes = null)
{
    public static RetryEdit None { get; } = new();
}
