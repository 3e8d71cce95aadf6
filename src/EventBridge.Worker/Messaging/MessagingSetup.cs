using Microsoft.Extensions.DependencyInjection.Extensions;
using MassTransit;

namespace EventBridge.Worker.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ. Nothing here may use the delayed-message exchange (UseDelayedRedelivery, the delayed
    /// scheduler, scheduled sends): Debian's broker lacks the plugin and declaring it stops the whole bus.
    /// </summary>
    public static IServiceCollection AddEventBridgeMessaging(this IServiceCollection services,
        Action<IBusRegistrationConfigurator>? consumers = null, Action<IRabbitMqBusFactoryConfigurator>? topology = null)
    {
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BrokerOutageLog>();
        services.AddHostedService<BrokerOutageWatch>();
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            // MassTransit's own bus check (connected, every receive endpoint consuming) is the readiness check "broker".
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "broker";
                health.Tags.Add(Hosting.HealthEndpoints.ReadyTag);
                health.MinimalFailureStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy;
            });
            consumers?.Invoke(bus);
            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<Microsoft.Extensions.Options.IOptions<RabbitMqOptions>>().Value;
                cfg.Host(options.Uri);
                topology?.Invoke(cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
