using EventBridge.Pipeline.Listening;
using MassTransit;

namespace EventBridge.Worker.Hosting;

public static class HealthEndpoints
{
    /// <summary>
    /// live: the process answers. ready: the bus is connected and the notification socket is open, so intents
    /// published now are heard as soon as their agents enter wrap-up.
    /// </summary>
    public static WebApplication MapEventBridgeHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", (IBusControl bus, NotificationListener listener) =>
        {
            var busHealthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
            var listening = listener.Socket?.IsConnected == true;
            var body = new { status = busHealthy && listening ? "ready" : "not ready", bus = busHealthy, notifications = listening };
            return busHealthy && listening ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
