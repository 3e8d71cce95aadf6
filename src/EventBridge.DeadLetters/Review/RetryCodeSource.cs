using System.Net;
using System.Text.RegularExpressions;
using EventBridge.DeadLetters.Storage;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Storage;

namespace EventBridge.DeadLetters.Review;

/// <summary>
/// Finds the codes a letter can be retried with. The queue is the agent's on the conversation: from the last snapshot
/// the notifications brought (a finished conversation's agent and queue do not change), else one conversation read at
/// reconciliation priority, the lowest, so support's look-ups never delay an apply. The queue's list is the catalogue's
/// cached copy, the one intake checks codes against.
/// </summary>
public sealed partial class RetryCodeSource(WrapUpCodeCatalogue catalogue, ConversationSnapshots snapshots, GenesysApiClient genesys,
    ILogger<RetryCodeSource> logger)
{
    /// <summary>What a view shows when no names can be given (no Genesys client on this host, or the catalogue unreadable).</summary>
    public static readonly IReadOnlyDictionary<string, string> NoNames = new Dictionary<string, string>();

    public async Task<RetryCodeChoices> ForAsync(DeadLetter letter, StoredIntent? original, CancellationToken cancellationToken)
    {
        var conversationId = letter.ConversationId ?? original?.ConversationId;
        if (string.IsNullOrWhiteSpace(conversationId))
            return await OrgAsync("The letter has no conversation id, so its queue is unknown: these are all the org's codes.", cancellationToken);

        var conversation = snapshots.LastSeen(conversationId) ?? await ReadAsync(conversationId, cancellationToken);
        if (conversation is null)
            return await OrgAsync("Genesys has no such conversation any more, so its queue is unknown: these are all the org's codes.", cancellationToken);

        var target = new StoredIntent
        {
            ConversationId = conversationId,
            ParticipantId = original?.AppliedParticipantId ?? letter.ParticipantId ?? original?.ParticipantId,
            UserId = letter.UserId ?? original?.UserId,
        };
        if (AgentSelector.Select(conversation, target)?.QueueId is not { Length: > 0 } queueId)
            return await OrgAsync("The conversation's agent has no queue (a direct conversation?): these are all the org's codes.", cancellationToken);

        var codes = await catalogue.GetQueueCodesAsync(queueId, cancellationToken);
        return new RetryCodeChoices(RetryCodeChoices.QueueScope, queueId, [.. codes.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)],
            "The codes the agent's queue offers: Genesys refuses any other.");
    }

    /// <summary>
    /// Names for the code ids in <paramref name="texts"/> (Genesys reports a participant's code by id, as in an
    /// already-wrapped-up letter): the catalogue's cached copy, so showing a letter costs no call within its TTL. Names
    /// help to read a view, never a reason not to show it: a catalogue that cannot be read gives <see cref="NoNames"/>,
    /// logged with <paramref name="namedFor"/> (what the view shows).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> texts, string namedFor, CancellationToken cancellationToken)
    {
        var ids = texts.Where(t => t is not null).SelectMany(t => CodeId().Matches(t!)).Select(m => m.Value)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0) return NoNames;
        try
        {
            var byId = (await catalogue.GetAllAsync(cancellationToken)).DistinctBy(c => c.Id, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(c => c.Id, c => c.Name, StringComparer.OrdinalIgnoreCase);
            return ids.Where(byId.ContainsKey).ToDictionary(id => id, id => byId[id]);
        }
        catch (Exception unavailable) when (unavailable is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(unavailable, "Naming the wrap-up codes of {NamedFor} failed", namedFor);
            return NoNames;
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")]
    private static partial Regex CodeId();

    private async Task<Conversation?> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            return await genesys.GetConversationAsync(conversationId, GenesysCallPriority.Reconcile, cancellationToken);
        }
        catch (GenesysApiException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<RetryCodeChoices> OrgAsync(string note, CancellationToken cancellationToken) =>
        new(RetryCodeChoices.OrgScope, null, await catalogue.GetAllAsync(cancellationToken), note);
}
