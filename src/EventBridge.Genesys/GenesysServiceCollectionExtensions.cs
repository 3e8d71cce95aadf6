using EventBridge.Genesys.Auth;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBridge.Genesys;

public static class GenesysServiceCollectionExtensions
{
    internal const string ApiPipelineName = "genesys-api";
    internal const string LoginPipelineName = "genesys-login";

    /// <summary>A misspelt or retired key (e.g. the removed <c>ChannelSilenceTimeout</c>) fails start-up instead of doing nothing.</summary>
    private static void RefuseUnknownKeys(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;

    /// <summary>
    /// Binds and validates section <c>Genesys</c>, and registers the token provider, the shared request budget, the
    /// <see cref="GenesysApiClient"/> singleton over a named HttpClient (budget → retry → bearer token). Notification sockets are created by their owner
    /// (<c>new NotificationSocket(connectUri, …)</c>), which also owns their recovery policy.
    /// One registration means one OAuth client and so one request budget.
    /// </summary>
    public static IServiceCollection AddGenesysClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GenesysOptions>()
            .Bind(configuration.GetSection(GenesysOptions.SectionName), RefuseUnknownKeys)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RateBudgetState(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<GenesysOptions>>().Value.RequestsPerMinute));
        services.TryAddSingleton(sp => new ImminentWrapUps(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GenesysOptions>>().Value;
            // A store that replicas share registers the ledger (PostgreSQL); without one the budget is this process's.
            var ledger = options.BudgetScope == RequestBudgetScope.Shared ? sp.GetService<ISharedRequestLedger>() : null;
            return new GenesysRequestBudget(options.RequestsPerMinute, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RateBudgetState>(),
                ledger, options.ClientId, sp.GetRequiredService<ILoggerFactory>().CreateLogger<GenesysRequestBudget>(),
                sp.GetRequiredService<ImminentWrapUps>());
        });
        services.TryAddSingleton<GenesysTokenProvider>();
        services.TryAddTransient<BearerTokenHandler>();
        services.TryAddTransient<RateLimitHeadersHandler>();
        services.TryAddTransient<SendGuardHandler>();

        services.AddHttpClient(GenesysTokenProvider.LoginClientName, ConfigureTimeout)
            .AddGenesysResilience(LoginPipelineName, withBudget: false);

        services.AddHttpClient(GenesysApiClient.HttpClientName, (sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptions<GenesysOptions>>().Value.ResolveApiBaseUrl();
                ConfigureTimeout(http);
            })
            .AddGenesysResilience(ApiPipelineName, withBudget: true)
            .AddHttpMessageHandler<RateLimitHeadersHandler>()
            .AddHttpMessageHandler<BearerTokenHandler>()
            .AddHttpMessageHandler<SendGuardHandler>();
        services.TryAddSingleton<GenesysApiClient>();

        return services;
    }

    // Polly owns timeouts (per attempt, on the injected TimeProvider); HttpClient's own would cut retries short.
    private static void ConfigureTimeout(HttpClient http) => http.Timeout = Timeout.InfiniteTimeSpan;
}
