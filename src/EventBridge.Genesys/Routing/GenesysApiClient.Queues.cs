using EventBridge.Genesys.Models;

namespace EventBridge.Genesys;

public sealed partial class GenesysApiClient
{
    /// <summary><c>GET /api/v2/routing/queues/{queueId}</c>: 404 when the org has no such queue.</summary>
    public Task<RoutingQueue> GetQueueAsync(string queueId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/v2/routing/queues/{Segment(queueId)}", null, GenesysJsonContext.Default.RoutingQueue, cancellationToken);
}
