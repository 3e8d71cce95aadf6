using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Follows a letter's retries both ways: back through the letters that were retried as its intent, forward through
/// what its retry became — another letter if it failed again, else the intent as the intent store has it.
/// </summary>
internal sealed class RetryChainReader(IDeadLetterStore store, Func<Guid, CancellationToken, Task<StoredIntent?>> findIntent)
{
    /// <summary>Longest retry chain walked each way (a guard; real chains are a few links).</summary>
    private const int MaxChainLinks = 20;

    public async Task<IReadOnlyList<RetryChainLink>> ReadAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        var chain = new LinkedList<RetryChainLink>();
        chain.AddFirst(Link(letter.Id, letter.IntentId, letter.Reason, letter.Status, letter.RetriedAsIntentId, letter.FailedAt, current: true));
        var seen = new HashSet<long> { letter.Id };

        // Back: the letters that were retried as this letter's intent, and theirs before them.
        for (var intentId = letter.IntentId; intentId is { } id && chain.Count <= MaxChainLinks;)
        {
            var earlier = (await store.FindRetriedAsAsync(id, cancellationToken)).FirstOrDefault(l => seen.Add(l.Id));
            if (earlier is null) break;
            chain.AddFirst(Link(earlier.Id, earlier.IntentId, earlier.Reason, earlier.Status, earlier.RetriedAsIntentId, earlier.FailedAt));
            intentId = earlier.IntentId;
        }

        // Forward: what the retry became — another letter if it failed again, else the intent as the store has it.
        for (var next = letter.RetriedAsIntentId; next is { } id && chain.Count <= 2 * MaxChainLinks;)
        {
            var later = (await store.FindByIntentAsync(id, cancellationToken)).FirstOrDefault(l => seen.Add(l.Id));
            if (later is null)
            {
                var stored = await findIntent(id, cancellationToken);
                chain.AddLast(new RetryChainLink { IntentId = id, IntentStatus = stored?.Status.ToString(), Reason = stored?.FailureReason });
                break;
            }

            chain.AddLast(Link(later.Id, later.IntentId, later.Reason, later.Status, later.RetriedAsIntentId, later.FailedAt));
            next = later.RetriedAsIntentId;
        }

        return [.. chain];
    }

    private static RetryChainLink Link(long id, Guid? intentId, string reason, DeadLetterStatus status, Guid? retriedAs, DateTimeOffset failedAt,
        bool current = false) =>
        new() { DeadLetterId = id, IntentId = intentId, Reason = reason, LetterStatus = status, RetriedAsIntentId = retriedAs, FailedAt = failedAt, IsCurrent = current };
}
