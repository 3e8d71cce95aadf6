using EventBridge.Genesys.Simulator.Auth;
using EventBridge.Genesys.Simulator.Control;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Notifications;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventBridge.Genesys.Simulator.Hosting;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the simulator. Without <paramref name="options"/> they bind from configuration section
    /// <c>Simulator</c> and are validated on start. The options instance is shared and changed in place at run time.
    /// </summary>
    public static IServiceCollection AddGenesysSimulator(this IServiceCollection services, SimulatorOptions? options = null, TimeProvider? time = null)
    {
        if (options is null)
        {
            services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName).ValidateOnStart();
            services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
            services.AddSingleton(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        }
        else
        {
            SimulatorOptionsValidator.Validate(options);
            services.AddSingleton(options);
        }

        if (time is null)
            services.TryAddSingleton(TimeProvider.System);
        else
            services.AddSingleton(time);

        services.ConfigureHttpJsonOptions(o => SimulatorJson.Configure(o.SerializerOptions));
        services.AddSingleton<SimulatorOracle>();
        services.AddSingleton<OrgDirectory>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<TokenRateLimiter>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<TopicValidator>();
        services.AddSingleton<ChannelRegistry>();
        services.AddSingleton<ConversationViews>();
        services.AddSingleton<ConversationEvents>();
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton(sp => new SimulatorControl(
            sp.GetRequiredService<OrgDirectory>(),
            sp.GetRequiredService<ConversationEngine>(),
            sp.GetRequiredService<ChannelRegistry>(),
            sp.GetRequiredService<FaultInjector>(),
            sp.GetRequiredService<SimulatorOracle>(),
            sp.GetRequiredService<SimulatorOptions>(),
            sp.GetRequiredService<TokenStore>()));
        return services;
    }
}
