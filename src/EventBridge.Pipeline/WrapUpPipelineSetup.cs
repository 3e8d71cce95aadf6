using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Disconnecting;
using EventBridge.Pipeline.Hosting;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Outcomes;
using EventBridge.Pipeline.Reconciling;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventBridge.Pipeline;

public static class WrapUpPipelineSetup
{
    /// <summary>
    /// The wrap-up pipeline's services and hosted services. The store is migrated and open intents reloaded by a startup
    /// step, before any hosted service (the bus included) starts, in whatever order they were added. Needs <c>AddGenesysClient</c>.
    /// </summary>
    public static IServiceCollection AddWrapUpPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WrapUpPipelineOptions>().Bind(configuration.GetSection(WrapUpPipelineOptions.Section), RefuseUnknownKeys)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.Section), RefuseUnknownKeys)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSqliteIntentStore(configuration);
        services.AddMetrics();
        services.AddSingleton<WrapUpMetrics>();
        services.AddSingleton<IntakeTraces>();
        services.AddSingleton<PendingIntentIndex>();
        services.AddSingleton<ReconcileSignal>();
        services.AddSingleton<WrapUpCodeCatalogue>();
        services.AddSingleton<WrapUpApplier>();
        services.AddSingleton<IntentOutcomes>();
        services.AddSingleton<SettleRequests>();
        services.AddSingleton<ConversationSnapshots>();
        services.AddSingleton<IntentLocks>();
        services.TryAddSingleton<ReplicaIdentity>();
        services.AddSingleton<IntentClaims>();
        services.AddSingleton<SettleInbox>();
        services.AddSingleton<AgentDisconnector>();
        services.AddSingleton<ConversationEventRouter>();
        // Singletons all: the Genesys client is one per process (it takes pooled HttpClients per call), so nothing
        // here needs a scope or a look-up in the service provider.
        services.AddSingleton<ConversationReads>();
        services.AddSingleton<IntentIntake>();
        services.AddSingleton<IntentSettler>();
        services.AddStartupStep<IntentStoreInitializer>();
        services.AddHostedService<InProcessSettler>();
        services.AddHostedService<OutcomeRepublisher>();
        services.AddRetention(configuration);
        AddListener(services, configuration);
        return services;
    }

    /// <summary>
    /// The listener's duties (channels, sweeper, ACW follow-ups, hand-over) are started by <see cref="ListenerRole"/>, not
    /// as hosted services of their own: a replica runs them only while it holds the listener lease. Without a shared
    /// lease (a PostgreSQL host registers one first) the worker is alone and always holds it.
    /// </summary>
    private static void AddListener(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ListenerOptions>().Bind(configuration.GetSection(ListenerOptions.Section), RefuseUnknownKeys)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IListenerLease, SoleListenerLease>();
        services.AddSingleton(sp => new ChannelShare(sp.GetRequiredService<IListenerLease>().IsShared));
        services.AddSingleton<ChannelPool>();
        services.AddSingleton<IntentSweeper>();
        services.AddSingleton<AcwFollowUps>();
        services.AddSingleton<OpenIntentReload>();
        services.AddSingleton<IntentListening>();
        services.AddSingleton<ListenerHandOver>();
        services.AddSingleton<ListenerRole>();
        services.AddHostedService(sp => sp.GetRequiredService<ListenerRole>());
    }

    /// <summary>A misspelt or retired key (e.g. a removed watchdog setting) fails start-up instead of doing nothing.</summary>
    private static void RefuseUnknownKeys(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;

    /// <summary>The pipeline's consumers, with their endpoint policies in their definitions.</summary>
    public static void AddWrapUpConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<WrapUpIntentConsumer, WrapUpIntentConsumerDefinition>();
        bus.AddConsumer<SettleWrapUpIntentConsumer, SettleWrapUpIntentConsumerDefinition>();
        bus.AddConsumer<DisconnectAgentConsumer, DisconnectAgentConsumerDefinition>();
    }
}
