using EventBridge.Pipeline.Storage;

namespace EventBridge.Worker.Api;

/// <summary>
/// The query of <c>GET /api/intents</c>. A filter that cannot be read is refused with what to write instead, never
/// quietly replaced by a default the caller did not ask for (a list that silently ignored "from" would mislead support).
/// </summary>
/// <param name="From">Received at or after this instant (ISO 8601 with a zone: <c>2026-12-07T09:00:00Z</c>).</param>
/// <param name="To">Received before this instant (exclusive).</param>
public sealed record IntentListRequest(string? Status, string? ConversationId, string? Reason, string? Code, string? Queue,
    string? From, string? To, int? Limit, string? Before)
{
    public IntentQuery? ToQuery(IIntentQueries queries, out Dictionary<string, string[]> errors)
    {
        errors = [];
        IntentStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (Enum.TryParse<IntentStatus>(Status, ignoreCase: true, out var value) && Enum.IsDefined(value)) status = value;
            else errors["status"] = [$"That is not a status; use one of {string.Join(", ", Enum.GetNames<IntentStatus>())}."];
        }

        var from = Instant(nameof(From), From, errors);
        var to = Instant(nameof(To), To, errors);
        if (from is not null && to is not null && from >= to)
            errors["to"] = ["to must be later than from."];
        if (Limit is < 1 or > IntentQuery.MaxLimit)
            errors["limit"] = [$"limit must be between 1 and {IntentQuery.MaxLimit}."];
        if (!string.IsNullOrEmpty(Before) && !queries.IsCursor(Before))
            errors["before"] = ["before must be the 'next' cursor of a previous page."];
        if (errors.Count > 0) return null;

        return new IntentQuery
        {
            Status = status,
            ConversationId = ConversationId,
            FailureReason = Reason,
            Code = Code,
            QueueId = Queue,
            ReceivedFrom = from,
            ReceivedTo = to,
            Limit = Limit ?? 50,
            Before = Before,
        };
    }

    private static DateTimeOffset? Instant(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (ZonedInstant.TryParse(text, out var instant)) return instant;
        errors[name.ToLowerInvariant()] = [ZonedInstant.Problem(name.ToLowerInvariant())];
        return null;
    }
}
