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

    /// <summary>Genesys pages wrap-up codes up to 500 at a time.</summary>
    private static IResult Page(IReadOnlyList<SimWrapupCode> all, string path, int? pageSize, int? pageNumber, string? name) =>
        Results.Json(PagedListing.Page(all, c => c.Name, WrapupCodeDto.From, path, pageSize, pageNumber, name, maxPageSize: 500), SimulatorJson.Options);
}
