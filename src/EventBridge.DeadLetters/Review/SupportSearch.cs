using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Support's search: one term (conversation, intent or participant id, or a code) → every intent and dead letter for it,
/// each intent with its whole story. Exact matches only: ids are pasted, not typed in part.
/// </summary>
public sealed class SupportSearch(IIntentQueries queries, IIntentStore intents, IDeadLetterStore letters, IIntentAttemptJournal? journal = null,
    RetryCodeSource? codeSource = null)
{
    public const int MaxResults = 50;
    public const int MaxTermLength = 256;

    public async Task<SearchResult> SearchAsync(string term, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(term);
        term = term.Trim();
        var found = (await queries.SearchAsync(term, MaxResults + 1, cancellationToken)).ToList();
        var matchingLetters = await letters.SearchAsync(term, MaxResults + 1, cancellationToken);
        var truncated = found.Count > MaxResults || matchingLetters.Count > MaxResults;
        found = found.Take(MaxResults).ToList();

        // A letter found by its conversation names its intent: show that intent's story too, though the term was not its own.
        var known = found.Select(i => i.IntentId).ToHashSet();
        var withoutIntent = new List<DeadLetterSummary>();
        foreach (var letter in matchingLetters.Take(MaxResults))
        {
            if (letter.IntentId is { } id && known.Contains(id)) continue;
            if (letter.IntentId is { } other && await intents.FindAsync(other, cancellationToken) is { } stored)
            {
                // Shown with its intent's story, or not at all: never as a letter "without a stored intent" that has one.
                if (found.Count < MaxResults)
                {
                    found.Add(stored);
                    known.Add(other);
                }
                else
                {
                    truncated = true;
                }
            }
            else
            {
                withoutIntent.Add(letter);
            }
        }

        var stories = new List<IntentStory>();
        foreach (var intent in found.OrderByDescending(i => i.ReceivedAt)) stories.Add(await StoryOfAsync(intent, cancellationToken));
        return new SearchResult(term, stories, withoutIntent, truncated);
    }

    /// <summary>One intent's story; null when the store does not have it (never received, or purged by retention).</summary>
    public async Task<IntentStory?> GetStoryAsync(Guid intentId, CancellationToken cancellationToken = default) =>
        await intents.FindAsync(intentId, cancellationToken) is { } intent ? await StoryOfAsync(intent, cancellationToken) : null;

    private async Task<IntentStory> StoryOfAsync(StoredIntent intent, CancellationToken cancellationToken)
    {
        var attempts = journal is null ? [] : await journal.GetAsync(intent.IntentId, cancellationToken);
        var own = await letters.FindByIntentAsync(intent.IntentId, cancellationToken);
        var retriedFrom = await letters.FindRetriedAsAsync(intent.IntentId, cancellationToken);
        var audit = new List<AuditEntry>();
        foreach (var letter in own.Concat(retriedFrom).DistinctBy(l => l.Id))
            audit.AddRange(await letters.GetAuditAsync(DeadLetterReview.MaxAuditSize, letter.Id, cancellationToken));
        audit.Sort((a, b) => a.Id.CompareTo(b.Id));
        return new IntentStory
        {
            Intent = IntentView.From(intent),
            Timeline = StoryTimeline.Of(intent, attempts, own, retriedFrom, audit),
            Attempts = attempts,
            DeadLetters = own,
            RetriedFrom = retriedFrom,
            Audit = audit,
            CodeNames = codeSource is null
                ? RetryCodeSource.NoNames
                : await codeSource.NamesAsync([intent.CodeId, intent.RequestedCode, intent.FailureDetail, .. attempts.Select(a => a.Detail)],
                    $"intent {intent.IntentId}'s story", cancellationToken),
        };
    }
}
