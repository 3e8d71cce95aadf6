using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.Genesys.Simulator.WrapupCodes;

/// <summary>The wrap-up code catalogue, global and per queue, paged like every Genesys listing.</summary>
internal static class WrapupCodeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v2/routing/wrapupcodes", (OrgDirectory org, int? pageSize, int? pageNumber, string? name) =>
            Page(org.WrapupCodes, "/api/v2/routing/wrapupcodes", pageSize, pageNumber, name));
        routes.MapGet("/api/v2/routing/wrapupcodes/{codeId}", (string codeId, OrgDirectory org) =>
            Results.Json(WrapupCodeDto.From(org.RequireWrapupCode(codeId)), SimulatorJson.Options));
        routes.MapGet("/api/v2/routing/queues/{queueId}/wrapupcodes", (string queueId, OrgDirectory org, int? pageSize, int? pageNumber, string? name) =>
        {
            var queue = org.RequireQueue(queueId);
            var codes = queue.WrapupCodeIds.Select(org.FindWrapupCode).OfType<SimWrapupCode>().OrderBy(c => c.Name, StringComparer.Ordinal);
            return Page([.. codes], $"/api/v2/routing/queues/{queue.Id}/wrapupcodes", pageSize, pageNumber, name);
        });
    }

    /// <summary>The name filter matches case-insensitively on part of the name; clients must still compare exactly.</summary>
    private static IResult Page(IReadOnlyList<SimWrapupCode> all, string path, int? pageSize, int? pageNumber, string? name)
    {
        var size = pageSize ?? 25;
        var number = pageNumber ?? 1;
        if (size is < 1 or > 500 || number < 1)
            throw GenesysApiException.BadRequest("pageSize must be 1..500 and pageNumber at least 1.");

        var matching = all.Where(c => name is null || c.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var pageCount = Math.Max(1, (matching.Count + size - 1) / size);
        var nameQuery = name is null ? "" : $"&name={Uri.EscapeDataString(name)}";
        string PageUri(int n) => $"{path}?pageSize={size}&pageNumber={n}{nameQuery}";
        var listing = new WrapupCodeListing(
            [.. matching.Skip((number - 1) * size).Take(size).Select(WrapupCodeDto.From)],
            size,
            number,
            matching.Count,
            pageCount,
            PageUri(number),
            PageUri(1),
            PageUri(pageCount),
            number < pageCount ? PageUri(number + 1) : null,
            number > 1 ? PageUri(number - 1) : null);
        return Results.Json(listing, SimulatorJson.Options);
    }
}
