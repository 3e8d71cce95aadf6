using EventBridge.Pipeline.Subscriptions;
using MassTransit;

namespace EventBridge.Worker.Hosting;

public static class HealthEndpoints
{
    /// <summary>
    /// live: the process answers. ready: the bus is connected, the configured queues are subscribed and every
    /// notification channel that carries topics has an open socket, so intents published now are heard as soon as
    /// their agents enter wrap-up. The body carries the channel snapshot (ids, topics, heartbeats, rejected topics).
    /// </summary>
    public static WebApplication MapEventBridgeHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", (IBusControl bus, ChannelPool channels) =>
        {
            var busHealthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
            var notifications = channels.GetHealth();
            var ready = busHealthy && notifications.IsReady;
            var body = new { status = ready ? "ready" : "not ready", bus = busHealthy, notifications };
            return ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
