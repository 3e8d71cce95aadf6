using EventBridge.Genesys.Simulator.Auth;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.Genesys.Simulator.Routing;

/// <summary>Routing queues: what <c>doctor</c> reads to check that the configured queue ids exist in the org.</summary>
internal static class QueueEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v2/routing/queues", (HttpContext http, OrgDirectory org, SimulatorOptions options, int? pageSize, int? pageNumber, string? name) =>
        {
            PermissionGate.Require(http, options, PermissionGate.QueueView);
            return Page(org.Queues, options.DefaultAcw, pageSize, pageNumber, name);
        });
        routes.MapGet("/api/v2/routing/queues/{queueId}", (string queueId, HttpContext http, OrgDirectory org, SimulatorOptions options) =>
        {
            PermissionGate.Require(http, options, PermissionGate.QueueView);
            return Results.Json(QueueDto.From(org.RequireQueue(queueId), options.DefaultAcw), SimulatorJson.Options);
        });
    }

    /// <summary>Genesys caps this listing at 100 per page; the name filter matches part of the name, case-insensitively.</summary>
    private static IResult Page(IReadOnlyList<SimQueue> all, AcwDefaults acw, int? pageSize, int? pageNumber, string? name)
    {
        var size = pageSize ?? 25;
        var number = pageNumber ?? 1;
        if (size is < 1 or > 100 || number < 1)
            throw GenesysApiException.BadRequest("pageSize must be 1..100 and pageNumber at least 1.");

        var matching = all.Where(q => name is null || q.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var pageCount = Math.Max(1, (matching.Count + size - 1) / size);
        var nameQuery = name is null ? "" : $"&name={Uri.EscapeDataString(name)}";
        string PageUri(int n) => $"/api/v2/routing/queues?pageSize={size}&pageNumber={n}{nameQuery}";
        var listing = new QueueListing(
            [.. matching.Skip((number - 1) * size).Take(size).Select(q => QueueDto.From(q, acw))],
            size, number, matching.Count, pageCount,
            PageUri(number), PageUri(1), PageUri(pageCount),
            number < pageCount ? PageUri(number + 1) : null,
            number > 1 ? PageUri(number - 1) : null);
        return Results.Json(listing, SimulatorJson.Options);
    }
}
