using EventBridge.Genesys;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Hosting;

public static class GenesysConnectionSetup
{
    /// <summary>
    /// A real org when Genesys:ClientId is set; otherwise the embedded simulator with its demo OAuth client (it starts
    /// before every hosted service, wherever this is called).
    /// </summary>
    public static IHostApplicationBuilder AddGenesysConnection(this IHostApplicationBuilder builder)
    {
        if (UsesEmbeddedSimulator(builder.Configuration))
        {
            var embedded = builder.Configuration.GetSection(EmbeddedSimulatorOptions.Section).Get<EmbeddedSimulatorOptions>() ?? new();
            if (embedded.LoopbackProblem() is { } problem) throw new InvalidOperationException(problem);
            var simulatorOptions = builder.Configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{GenesysOptions.SectionName}:{nameof(GenesysOptions.ApiBaseUrl)}"] = embedded.Url,
                [$"{GenesysOptions.SectionName}:{nameof(GenesysOptions.ClientId)}"] = OAuthClientOptions.DemoClientId,
                [$"{GenesysOptions.SectionName}:{nameof(GenesysOptions.ClientSecret)}"] = OAuthClientOptions.DemoClientSecret,
            });
            if (!builder.Configuration.GetSection($"{WrapUpPipelineOptions.Section}:{nameof(WrapUpPipelineOptions.QueueIds)}").GetChildren().Any())
                builder.Configuration.AddInMemoryCollection([new($"{WrapUpPipelineOptions.Section}:{nameof(WrapUpPipelineOptions.QueueIds)}:0", SeedData.DemoQueueId)]);
            builder.Services.AddSingleton(embedded);
            builder.Services.AddSingleton(simulatorOptions);
            builder.Services.AddSingleton<EmbeddedSimulatorHost>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedSimulatorHost>());
        }

        builder.Services.AddGenesysClient(builder.Configuration);
        builder.Services.RequireCallsToEndBeforeShutdown();
        return builder;
    }

    /// <summary>
    /// A Genesys call (retries and Retry-After waits included) must end before the host stops waiting for the
    /// consumers on SIGTERM; otherwise shutdown cuts a wrap-up whose answer never gets recorded.
    /// </summary>
    public static IServiceCollection RequireCallsToEndBeforeShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>()
            .Validate<IOptions<GenesysOptions>>(
                (host, genesys) => genesys.Value.CallTimeout < host.ShutdownTimeout,
                "Genesys:CallTimeout must be shorter than the host's ShutdownTimeout (default 30 s), or a stopping worker cuts Genesys calls short.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Whether <see cref="AddGenesysConnection"/> chose the embedded simulator (it fills in the demo credentials, so ask this after it).</summary>
    public static bool RunsEmbeddedSimulator(IServiceCollection services) => services.Any(s => s.ServiceType == typeof(EmbeddedSimulatorHost));

    /// <summary>No Genesys credentials configured: the worker talks to its embedded simulator. Ask before <see cref="AddGenesysConnection"/>.</summary>
    public static bool UsesEmbeddedSimulator(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{GenesysOptions.SectionName}:{nameof(GenesysOptions.ClientId)}"]);
}
