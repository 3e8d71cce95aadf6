using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using System.Text.Json.Serialization;

namespace EventBridge.Worker.Api;

public static class ApiSetup
{
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Largest request body any endpoint takes: an intent's limit.</summary>
    public const int MaxRequestBodyBytes = EventBridge.Pipeline.Intake.IntentValidator.MaxMessageBytes;

    /// <summary>The HTTP API's services: JSON conventions, problem details, the OpenAPI document.</summary>
    public static IServiceCollection AddEventBridgeApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        // Binding failures (bad JSON, wrong types, missing body) become exceptions BadRequestProblems turns into problems.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EventBridge API";
            document.Info.Description =
                "Submit wrap-up intents, follow them, watch the Genesys notification channels and review dead letters. " +
                "Programs send an API key (X-Api-Key or Authorization: Bearer); people log in at /auth/login (cookie). " +
                "Roles: publisher (submit, read intents), viewer (read everything), support (viewer + dead-letter actions).";
            return Task.CompletedTask;
        }));
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IntentSubmitter>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>((forwarded, api) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET trusts loopback by default; here only what Api:TrustedProxies names (never empty lists: they trust
            // anyone). No hop limit: the middleware stops at the first address that is not a trusted proxy anyway.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in api.Value.TrustedProxyNetworks()) forwarded.KnownIPNetworks.Add(network);
            forwarded.ForwardLimit = null;
        });
        // Every endpoint reads small JSON: the largest is an intent (64 KiB). Kestrel's default of 30 MB let ten
        // parallel logins take the worker from 291 MB to 1.3 GB; endpoints that need less set less (login: 4 KiB).
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return services;
    }

    /// <summary>
    /// Forwarded headers from trusted proxies (<see cref="ApiOptions.TrustedProxies"/>), then problem details for every
    /// error: bad requests say what was wrong; anything unexpected is a 500 without internals. First in the pipeline,
    /// so it sees the exceptions of everything after it.
    /// </summary>
    public static WebApplication UseEventBridgeApiErrors(this WebApplication app)
    {
        // First of all: the login limits and the logs must see the client's address, not the proxy's. Only with proxies
        // configured: the middleware with empty lists believes every sender.
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A caller's bad JSON is the caller's problem, answered in the reply; not an error in the worker's log.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        // An error status without a body (404 unknown route, 405, 415) gets a problem body too: never an empty reply.
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>/api/intents, /api/subscriptions, /api/stats and the OpenAPI document at <see cref="OpenApiPath"/>.</summary>
    public static RouteGroupBuilder MapEventBridgeApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup("/api");
        api.MapIntentEndpoints();
        api.MapOperationsEndpoints();
        return api;
    }
}
