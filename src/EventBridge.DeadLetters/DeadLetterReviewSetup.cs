using EventBridge.DeadLetters.Ingesting;
using EventBridge.DeadLetters.Review;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Hosting;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters;

public static class DeadLetterReviewSetup
{
    /// <summary>The dead-letter store's <see cref="IRecordPurge"/>: keyed, so a PostgreSQL host's registered first wins.</summary>
    public const string DeadLetterPurgeKey = "dead-letter-store";

    /// <summary>
    /// Section <c>DeadLetters</c> (validated at start), the dead-letter database (migrated at start), the ingestor of the
    /// error queues and the review service. Needs the intent store and its attempt journal (<c>AddWrapUpPipeline</c>)
    /// and MassTransit (retries are sent through it), in any order.
    /// </summary>
    public static IServiceCollection AddDeadLetterReview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeadLetterOptions>()
            .Bind(configuration.GetSection(DeadLetterOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .PostConfigure(options =>
            {
                // A bound list appends to a default one, so the default queues are set only when none are configured.
                // The _skipped queues too: MassTransit moves a message no consumer takes there, and a restart must not lose it.
                if (options.Queues.Count == 0)
                    options.Queues = [.. new[] { PipelineQueues.Intents, PipelineQueues.Settle, PipelineQueues.Disconnect }
                        .SelectMany(queue => new[] { queue + "_error", queue + "_skipped" })];
                options.RabbitMqUri ??= new Uri(configuration["RabbitMq:Uri"] ?? "amqp://guest:guest@127.0.0.1:5672/");
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeadLetterStore, SqliteDeadLetterStore>();
        // The SQLite purge works on the SQLite store itself: it is only ever chosen together with it.
        services.TryAddKeyedSingleton<IRecordPurge>(DeadLetterPurgeKey,
            (sp, _) => sp.GetRequiredService<IDeadLetterStore>() is SqliteDeadLetterStore sqlite
                ? new SqliteDeadLetterRetention(sqlite)
                : throw new InvalidOperationException("The dead-letter store is not SQLite: register its engine's IRecordPurge (keyed " +
                                                      $"'{DeadLetterPurgeKey}') with it, as AddPostgresStores does."));
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IRecordPurge>(DeadLetterPurgeKey));
        services.AddStartupStep<DeadLetterStoreInitializer>();
        services.AddHostedService<DeadLetterIngestor>();
        services.AddMetrics();
        services.AddSingleton<Observability.DeadLetterGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<Observability.DeadLetterGauges>());
        services.TryAddSingleton(sp => new SupportSearch(sp.GetRequiredService<IIntentQueries>(), sp.GetRequiredService<IIntentStore>(),
            sp.GetRequiredService<IDeadLetterStore>(), sp.GetService<IIntentAttemptJournal>(), CodeSourceOf(sp)));
        services.TryAddSingleton(sp => new GroupRetryJobs(sp.GetRequiredService<IOptions<DeadLetterOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GroupRetryJobs>>(), sp.GetService<Genesys.Http.RateBudgetState>()));
        services.AddHostedService(sp => sp.GetRequiredService<GroupRetryJobs>());
        // The bus sends the retries (a group retry runs after its HTTP request ended, so not a request-scoped sender).
        services.TryAddSingleton(sp => new DeadLetterReview(
            sp.GetRequiredService<IDeadLetterStore>(),
            sp.GetRequiredService<IIntentStore>(),
            sp.GetRequiredService<IBus>(),
            sp.GetRequiredService<GroupRetryJobs>(),
            sp.GetRequiredService<IOptions<DeadLetterOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DeadLetterReview>>(),
            sp.GetService<IIntentAttemptJournal>(),
            CodeSourceOf(sp)));
        return services;
    }

    // A host without the pipeline (no Genesys client) reviews letters but can neither list codes nor name them.
    private static RetryCodeSource? CodeSourceOf(IServiceProvider sp) =>
        sp.GetService<WrapUpCodeCatalogue>() is { } catalogue
            ? new RetryCodeSource(catalogue, sp.GetRequiredService<ConversationSnapshots>(), sp.GetRequiredService<Genesys.GenesysApiClient>(),
                sp.GetRequiredService<ILogger<RetryCodeSource>>())
            : null;
}
