using EventBridge.Dashboard;
using EventBridge.DeadLetters;
using EventBridge.DeadLetters.Api;
using EventBridge.Pipeline;
using EventBridge.Storage.Postgres;
using EventBridge.Worker.Api;
using EventBridge.Worker.Messaging;
using EventBridge.Worker.Security;
using MassTransit;

namespace EventBridge.Worker.Hosting;

/// <summary>What a host of the worker adds to it or leaves out; the worker itself takes the defaults.</summary>
public sealed class EventBridgeWorkerParts
{
    /// <summary>More consumers on the worker's bus (a test's outcome collector); each gets its endpoint like the worker's own.</summary>
    public Action<IBusRegistrationConfigurator>? Consumers { get; set; }

    /// <summary>
    /// Drain the error queues into the dead-letter store (the worker always does). Off for tests that read what the
    /// broker holds in an <c>_error</c> queue, and for the bench, whose figures are the pipeline's.
    /// </summary>
    public bool DeadLetterReview { get; set; } = true;
}

/// <summary>
/// The one composition root: the worker, every in-process test host and the bench build EventBridge here, so what
/// they run is what the worker runs. Registration order does not matter: what must be ready before the bus, the
/// channels or the sweeper start (stores migrated, open intents reloaded, the embedded simulator listening) is done
/// while the host is starting, before any hosted service's StartAsync.
/// </summary>
public static class EventBridgeWorkerSetup
{
    /// <summary>
    /// Genesys (a real org, or the embedded simulator without credentials), the stores (SQLite, or PostgreSQL by
    /// <c>IntentStore:Provider</c>), the wrap-up pipeline, the dead-letter review, health checks, traces and the bus.
    /// </summary>
    public static IHostApplicationBuilder AddEventBridgeWorker(this IHostApplicationBuilder builder, Action<EventBridgeWorkerParts>? configure = null)
    {
        var parts = new EventBridgeWorkerParts();
        configure?.Invoke(parts);
        builder.AddGenesysConnection();
        builder.Services.AddPostgresStores(builder.Configuration);
        builder.Services.AddWrapUpPipeline(builder.Configuration);
        if (parts.DeadLetterReview) builder.Services.AddDeadLetterReview(builder.Configuration);
        builder.Services.AddHostedService<RateBudgetLogger>();
        builder.Services.AddEventBridgeHealth();
        builder.Services.AddEventBridgeTracing(builder.Configuration);
        builder.Services.AddEventBridgeMessaging(bus =>
        {
            bus.AddWrapUpConsumers();
            parts.Consumers?.Invoke(bus);
        });
        return builder;
    }

    /// <summary>The HTTP side: sign-in (API keys, operators), the intent API and the login rate limit. After <see cref="AddEventBridgeWorker"/>.</summary>
    public static WebApplicationBuilder AddEventBridgeWeb(this WebApplicationBuilder builder)
    {
        builder.AddEventBridgeAuth(embeddedSimulator: GenesysConnectionSetup.RunsEmbeddedSimulator(builder.Services));
        builder.Services.AddEventBridgeApi();
        builder.Services.AddLoginRateLimit();
        return builder;
    }

    /// <summary>Every endpoint: health, metrics, sign-in, the intent API, the dead-letter review and the dashboard.</summary>
    public static WebApplication MapEventBridge(this WebApplication app)
    {
        app.UseEventBridgeApiErrors();
        app.UseEventBridgeAuth();
        app.UseRateLimiter();
        app.MapEventBridgeHealth();
        app.MapEventBridgeMetrics();
        app.MapAuthEndpoints();
        app.MapEventBridgeApi();
        app.MapDeadLetterApi(EventBridgeRoles.Policies.View, EventBridgeRoles.Policies.Support);
        app.MapEventBridgeDashboard();
        return app;
    }
}
