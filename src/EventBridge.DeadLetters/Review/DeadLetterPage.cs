using EventBridge.DeadLetters.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Newest first. <see cref="NextBefore"/>: pass as <c>before</c> for the next page; null on the last page.
/// <see cref="CodeNames"/>: the names of the wrap-up code ids the letters ask for (empty when they cannot be read).
/// </summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSummary> Items, long? NextBefore)
{
    public IReadOnlyDictionary<string, string> CodeNames { get; init; } = new Dictionary<string, string>();
}
