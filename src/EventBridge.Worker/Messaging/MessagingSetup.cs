using Microsoft.Extensions.DependencyInjection.Extensions;
using MassTransit;

namespace EventBridge.Worker.Messaging;

public static class MessagingSetup
{
    private const string DeliveryLimitArgument = "x-delivery-limit";
    private const string QueueTypeArgument = "x-queue-type";

    private static void FaultQueue(IRabbitMqQueueConfigurator queue)
    {
        queue.SetQueueArgument(DeliveryLimitArgument, null);
        queue.SetQueueArgument(QueueTypeArgument, null);
    }

    private static RabbitMqOptions Options(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RabbitMqOptions>>().Value;

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
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit && Options(context).UsesQuorumQueues)
                {
                    rabbit.SetQuorumQueue();
                    rabbit.SetQueueArgument(DeliveryLimitArgument, Options(context).DeliveryLimit);
                }
            });
            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = Options(context);
                cfg.Host(options.Uri, host =>
                {
                    // The URI's host first, then the other nodes: MassTransit connects to the first that answers.
                    if (options.ClusterNodes.Count > 0)
                        host.UseCluster(cluster =>
                        {
                            cluster.Node(options.Uri.IsDefaultPort ? options.Uri.Host : $"{options.Uri.Host}:{options.Uri.Port}");
                            foreach (var node in options.ClusterNodes) cluster.Node(node.Trim());
                        });
                });
                // <queue>_error and <queue>_skipped stay classic queues without a delivery limit, whatever the input
                // queues are: a decided failure is put there by a plain send (DecidedFailureLetters), which declares a
                // classic queue, and MassTransit's fault path must declare the same or the broker refuses it (406). A
                // limit would let the broker drop a letter support has not seen. The dead-letter ingestor drains them
                // into the store within a second, so they are a short hop, not where letters are kept.
                cfg.SendTopology.ConfigureErrorSettings = settings => FaultQueue(settings);
                cfg.SendTopology.ConfigureDeadLetterSettings = settings => FaultQueue(settings);
                topology?.Invoke(cfg);
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
