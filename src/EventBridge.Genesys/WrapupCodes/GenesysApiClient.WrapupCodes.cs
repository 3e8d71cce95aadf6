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

    /// <summary>
    /// Resolves a code name people use ("QA_Review") to its code, matching the whole name case-insensitively across
    /// pages (Genesys's <c>name</c> filter also returns partial matches). Null when no code has that name.
    /// </summary>
    public async Task<WrapupCode?> FindWrapupCodeByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        for (var page = 1; ; page++)
        {
            var listing = await GetWrapupCodesAsync(name, 100, page, cancellationToken);
            var match = listing.Entities?.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
                return match;
            if (listing.Entities is not { Count: > 0 } || page >= (listing.PageCount ?? page))
                return null;
        }
    }

    private static string PageQuery(string? name, int pageSize, int pageNumber)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"?pageSize={pageSize}&pageNumber={pageNumber}");
        return string.IsNullOrWhiteSpace(name) ? query : $"{query}&name={Uri.EscapeDataString(name)}";
    }
}
