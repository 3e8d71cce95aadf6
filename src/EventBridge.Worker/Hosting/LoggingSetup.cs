using Serilog;
using Serilog.Formatting.Compact;

namespace EventBridge.Worker.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from the "Serilog" section; without one, compact JSON on the console so logs stay structured
    /// (intent and conversation ids are properties, not text). "Logging:Format" = "text" gives readable lines.
    /// </summary>
    public static WebApplicationBuilder AddEventBridgeLogging(this WebApplicationBuilder builder)
    {
        var asText = string.Equals(builder.Configuration["Logging:Format"], "text", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Polly", Serilog.Events.LogEventLevel.Warning);
            if (asText)
                logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
            else
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        });
        return builder;
    }
}
