using System.Diagnostics;
using EventBridge.Genesys;
using EventBridge.Pipeline.Observability;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EventBridge.Worker.Hosting;

/// <summary>
/// OpenTelemetry traces: MassTransit's spans (publish, receive, consume), ASP.NET Core's (the HTTP intake), HttpClient's
/// (each attempt of a Genesys call), and EventBridge's own (intake, settle, disconnect, and one per Genesys call). Always
/// recorded, so every log line carries its trace and span ids; exported over OTLP only when an endpoint is configured
/// (<c>Tracing:OtlpEndpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
public static class TracingSetup
{
    public const string Section = "Tracing";
    public const string ServiceName = "eventbridge-worker";

    /// <summary>MassTransit's ActivitySource (DiagnosticHeaders.DefaultListenerName).</summary>
    public const string MassTransitSource = "MassTransit";

    public static IServiceCollection AddEventBridgeTracing(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration[$"{Section}:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint, UriKind.Absolute, out otlp))
            throw new InvalidOperationException($"{Section}:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute URI such as http://collector:4317, not '{endpoint}'.");

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(MassTransitSource, WrapUpTracing.SourceName, GenesysTracing.SourceName)
                    // Probes and scrapes would be most of the traces and say nothing; the embedded simulator's routes are
                    // Genesys's side, served in this process only in a demo (and its paths carry channel ids).
                    .AddAspNetCoreInstrumentation(options => options.Filter = http => !IsProbe(http.Request.Path) && !IsSimulated(http.Request.Path))
                    .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = RedactUrl);
                if (otlp is not null) tracing.AddOtlpExporter(options => options.Endpoint = otlp);
            });
        return services;
    }

    private static bool IsSimulated(PathString path) =>
        path.StartsWithSegments("/api/v2", StringComparison.Ordinal) || path.StartsWithSegments("/oauth", StringComparison.Ordinal) ||
        path.StartsWithSegments("/channels", StringComparison.Ordinal) || path.StartsWithSegments("/sim", StringComparison.Ordinal);

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);

    /// <summary>
    /// HttpClient's span records the whole URL: a notification channel's id (a credential) and participant ids would
    /// reach the trace backend. The path is replaced by its route, as on EventBridge's own Genesys span.
    /// </summary>
    private static void RedactUrl(Activity activity, HttpRequestMessage request)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri) return;
        var route = GenesysTracing.Template(uri.AbsolutePath);
        activity.SetTag("url.full", $"{uri.Scheme}://{uri.Authority}{route}");
        activity.SetTag("url.path", route);
        activity.SetTag("url.query", null);
    }
}
