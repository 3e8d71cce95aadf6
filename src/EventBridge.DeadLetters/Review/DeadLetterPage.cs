using EventBridge.DeadLetters.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>Newest first. <see cref="NextBefore"/>: pass as <c>before</c> for the next page; null on the last page.</summary>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterSummary> Items, long? NextBefore);
