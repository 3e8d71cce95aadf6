using System.Globalization;
using EventBridge.Genesys.Models;

namespace EventBridge.Genesys;

public sealed partial class GenesysApiClient
{
    /// <summary><c>GET .../participants/{pid}/wrapupcodes</c>: the codes this participant may use (a bare array).</summary>
    public Task<IReadOnlyList<WrapupCode>> GetParticipantWrapupCodesAsync(
        string conversationId, string participantId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get,
            $"api/v2/conversations/messages/{Segment(conversationId)}/participants/{Segment(participantId)}/wrapupcodes",
            null, GenesysJsonContext.Default.IReadOnlyListWrapupCode, cancellationToken);

    /// <summary><c>GET /api/v2/routing/wrapupcodes?pageSize&amp;pageNumber&amp;name</c> (name filters by prefix/match on Genesys's side).</summary>
    public Task<WrapupCodeEntityListing> GetWrapupCodesAsync(
        string? name = null, int pageSize = 100, int pageNumber = 1, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes" + PageQuery(name, pageSize, pageNumber), null,
            GenesysJsonContext.Default.WrapupCodeEntityListing, cancellationToken);

    /// <summary><c>GET /api/v2/routing/queues/{queueId}/wrapupcodes?pageSize&amp;pageNumber&amp;name</c>.</summary>
    public Task<WrapupCodeEntityListing> GetQueueWrapupCodesAsync(
        string queueId, string? name = null, int pageSize = 100, int pageNumber = 1, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/v2/routing/queues/{Segment(queueId)}/wrapupcodes" + PageQuery(name, pageSize, pageNumber), null,
            GenesysJsonContext.Default.WrapupCodeEntityListing, cancellationToken);

    /// <summary>Every code of the org (all pages), optionally filtered by <paramref name="name"/> as Genesys filters it.</summary>
    public IAsyncEnumerable<WrapupCode> GetAllWrapupCodesAsync(string? name = null, CancellationToken cancellationToken = default) =>
        AllPagesAsync(page => GetWrapupCodesAsync(name, 100, page, cancellationToken));

    /// <summary>Every code the queue offers (all pages).</summary>
    public IAsyncEnumerable<WrapupCode> GetAllQueueWrapupCodesAsync(string queueId, CancellationToken cancellationToken = default) =>
        AllPagesAsync(page => GetQueueWrapupCodesAsync(queueId, null, 100, page, cancellationToken));

    /// <summary>
    /// Resolves a code name people use ("QA_Review") to its code, matching the whole name case-insensitively across
    /// pages (Genesys's <c>name</c> filter also returns partial matches). Null when no code has that name.
    /// </summary>
    public async Task<WrapupCode?> FindWrapupCodeByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await foreach (var code in GetAllWrapupCodesAsync(name, cancellationToken))
        {
            if (string.Equals(code.Name, name, StringComparison.OrdinalIgnoreCase))
                return code;
        }

        return null;
    }

    // Pages are read lazily, so a caller that stops early (a match found) reads no further page.
    private static async IAsyncEnumerable<WrapupCode> AllPagesAsync(Func<int, Task<WrapupCodeEntityListing>> readPage)
    {
        for (var page = 1; ; page++)
        {
            var listing = await readPage(page);
            foreach (var code in listing.Entities ?? [])
                yield return code;
            if (listing.Entities is not { Count: > 0 } || page >= (listing.PageCount ?? page))
                yield break;
        }
    }

    private static string PageQuery(string? name, int pageSize, int pageNumber)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"?pageSize={pageSize}&pageNumber={pageNumber}");
        return string.IsNullOrWhiteSpace(name) ? query : $"{query}&name={Uri.EscapeDataString(name)}";
    }
}
