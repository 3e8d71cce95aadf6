using System.Text.Json.Serialization;

namespace EventBridge.Worker.Api;

public static class ApiSetup
{
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The HTTP API's services: JSON conventions, problem details, the OpenAPI document.</summary>
    public static IServiceCollection AddEventBridgeApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "EventBridge API";
            document.Info.Description =
                "Submit wrap-up intents, follow them, watch the Genesys notification channels and review dead letters. " +
                "Programs send an API key (X-Api-Key or Authorization: Bearer); people log in at /auth/login (cookie). " +
                "Roles: publisher (submit, read intents), viewer (read everything), support (viewer + dead-letter actions).";
            return Task.CompletedTask;
        }));
        services.AddSingleton<IntentSubmitter>();
        return services;
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
