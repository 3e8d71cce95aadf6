using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace EventBridge.Worker.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// The text console format (<c>Logging:Format</c> = text): string values are cleaned by <see cref="SafeLogValues"/>,
    /// the exception by <see cref="ConsoleExceptionText"/> (a missing property renders as nothing). Trace and span ids
    /// close each line written inside a span (<see cref="TraceIdsText"/>; Serilog takes them from <c>Activity.Current</c>,
    /// and the JSON format has them as <c>@tr</c> and <c>@sp</c>).
    /// </summary>
    public const string TextTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{TraceIds:l}{NewLine}{ExceptionText:l}";

    /// <summary>
    /// Serilog from the "Serilog" section; without one, compact JSON on the console so logs stay structured
    /// (intent and conversation ids are properties, not text). "Logging:Format" = "text" gives readable lines.
    /// While a consumer handles an intent, every line carries <c>IntentId</c> and <c>ConversationId</c>: the consumers
    /// open a logger scope (Pipeline's <c>HandledIntent</c>) that Serilog turns into properties.
    /// </summary>
    public static WebApplicationBuilder AddEventBridgeLogging(this WebApplicationBuilder builder)
    {
        var asText = string.Equals(builder.Configuration["Logging:Format"], "text", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                // Registered with the messaging: MassTransit's reconnect lines are counted, not written, during an outage.
                .Filter.With(services.GetService<Messaging.BrokerOutageLog>() is { } outage ? [outage] : [])
                .Enrich.With<SecretPropertyMask>()
                // Last, so it also cleans what the enrichers before it added.
                .Enrich.With<SafeLogValues>()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                // Request lines (with URLs) are Information; header values are redacted by .NET anyway.
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                // "No XML encryptor configured" on every new key: on Linux there is nothing to encrypt them with but a
                // certificate; the keys folder is created owner-only instead (AuthOptions.KeysPath, docs/SECURITY.md).
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogEventLevel.Error)
                // Readiness is polled (deploy/run.sh, Kubernetes) and is "not ready" on every start until the channels
                // connect; its answer is the record, not an Error line per probe.
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal);
            if (asText)
                logger.Enrich.With<ConsoleExceptionText>().Enrich.With<TraceIdsText>().WriteTo.Console(outputTemplate: TextTemplate);
            else
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
        return builder;
    }

    /// <summary>" trace {id} span {id}" for the text format, only on lines written inside a span.</summary>
    private sealed class TraceIdsText : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (logEvent.TraceId is not { } trace) return;
            logEvent.AddPropertyIfAbsent(new LogEventProperty("TraceIds", new ScalarValue($" trace {trace} span {logEvent.SpanId}")));
        }
    }

    /// <summary>
    /// Defence in depth: no code logs a token, secret or key today (the token provider logs the client id and expiry
    /// only), but a property named like one is masked before any sink sees it, whoever adds it later.
    /// </summary>
    private sealed class SecretPropertyMask : ILogEventEnricher
    {
        private static readonly string[] SecretNameParts = ["secret", "password", "accesstoken", "access_token", "authorization", "apikey", "api_key"];
        private static readonly ScalarValue Masked = new("***");

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            List<string>? secret = null;
            foreach (var name in logEvent.Properties.Keys)
                if (SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)))
                    (secret ??= []).Add(name);
            foreach (var name in secret ?? []) logEvent.AddOrUpdateProperty(new LogEventProperty(name, Masked));
        }
    }
}
