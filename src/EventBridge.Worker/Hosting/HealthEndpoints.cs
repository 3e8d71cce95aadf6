using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Subscriptions;
using EventBridge.Worker.Hosting.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventBridge.Worker.Hosting;

public static class HealthEndpoints
{
    /// <summary>
    /// Tag of the checks behind <c>/health/ready</c>: ours, and MassTransit's bus check, which
    /// <c>AddEventBridgeMessaging</c> names "broker" and tags with this.
    /// </summary>
    public const string ReadyTag = "eventbridge-ready";

    /// <summary>The readiness checks besides the broker's: not stopping, store, Genesys token, notification channels.</summary>
    public static IServiceCollection AddEventBridgeHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoppingHealthCheck>(StoppingHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<IntentStoreHealthCheck>(IntentStoreHealthCheck.Name, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            // A login that hangs (retries, a slow login host) must not hang the probe.
            .AddCheck<GenesysTokenHealthCheck>(GenesysTokenHealthCheck.Name, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<NotificationChannelsHealthCheck>(NotificationChannelsHealthCheck.Name, tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// live: the process answers. ready (503 otherwise): the host is not stopping, the bus is connected, the intent store answers, a Genesys
    /// token is at hand, the configured queues are subscribed and every notification channel that carries topics has
    /// an open socket — so intents published now are heard as soon as their agents enter wrap-up. Both are
    /// unauthenticated (probes carry no credentials), so the ready body holds statuses and counts only: no channel
    /// ids (credentials to a channel's socket), topics, queue or user ids. Operators see those, tagged, on
    /// <c>/api/subscriptions</c>.
    /// </summary>
    public static WebApplication MapEventBridgeHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<HealthCheckService>() is null)
            throw new InvalidOperationException(
                "MapEventBridgeHealth needs the health checks: call builder.Services.AddEventBridgeHealth() before Build().");

        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, _) => http.Response.WriteAsJsonAsync(new { status = "live" }),
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadyAsync,
        }).AllowAnonymous();
        return app;
    }

    private static Task WriteReadyAsync(HttpContext http, HealthReport report)
    {
        var body = new
        {
            status = report.Status == HealthStatus.Unhealthy ? "not ready" : "ready",
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
            }),
            notifications = Counts(http.RequestServices.GetRequiredService<ChannelPool>().GetHealth()),
            listener = Role(http.RequestServices.GetRequiredService<ListenerRole>().Status),
        };
        return http.Response.WriteAsJsonAsync(body);
    }

    /// <summary>The role by name (Sole, Holder, StandBy), and who listens.</summary>
    private static object Role(ListenerStatus status) => new
    {
        role = status.Role.ToString(),
        replica = status.Replica,
        holder = status.Holder,
        epoch = status.Epoch,
    };

    private static object Counts(SubscriptionHealth health) => new
    {
        started = health.Started,
        channels = health.Channels.Count,
        connectedChannels = health.ConnectedChannelCount,
        subscribedTopics = health.SubscribedTopicCount,
        rejectedTopics = health.RejectedTopics.Count,
        topicsOverCapacity = health.TopicsOverCapacity.Count,
        reconnects = health.TotalReconnects,
        replacements = health.TotalReplacements,
    };
}
