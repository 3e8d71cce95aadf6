using EventBridge.Genesys.Simulator.Auth;
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

    /// <summary>Genesys caps this listing at 100 per page.</summary>
    private static IResult Page(IReadOnlyList<SimQueue> all, AcwDefaults acw, int? pageSize, int? pageNumber, string? name) =>
        Results.Json(PagedListing.Page(all, q => q.Name, q => QueueDto.From(q, acw), "/api/v2/routing/queues", pageSize, pageNumber, name, maxPageSize: 100),
            SimulatorJson.Options);
}
