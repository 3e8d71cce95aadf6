using EventBridge.Pipeline.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Storage;

public static class SqliteIntentStoreServiceCollectionExtensions
{
    /// <summary>The intent store's <see cref="IRecordPurge"/>: keyed, so a PostgreSQL host's registered first wins.</summary>
    public const string IntentStorePurgeKey = "intent-store";

    /// <summary>
    /// Binds and validates section <c>IntentStore</c> and registers <see cref="SqliteIntentStore"/> as the singleton
    /// <see cref="IIntentStore"/>. The schema is created by <see cref="IIntentStore.InitializeAsync"/>, which
    /// <see cref="IntentStoreInitializer"/> calls at start-up.
    /// </summary>
    private static IServiceProvider SqliteChosen(IServiceProvider services) =>
        services.GetRequiredService<IOptions<IntentStoreOptions>>().Value.UsesPostgres
            ? throw new InvalidOperationException(
                "IntentStore:Provider is Postgres, but this host registered no PostgreSQL store: call AddPostgresStores " +
                "(EventBridge.Storage.Postgres) before AddWrapUpPipeline.")
            : services;

    public static IServiceCollection AddSqliteIntentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntentStoreOptions>()
            .Bind(configuration.GetSection(IntentStoreOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<SqliteIntentStore>();
        // TryAdd: a host that chose PostgreSQL registered its stores first (AddPostgresStores). One that did not,
        // yet says Provider Postgres, must fail at start rather than quietly write a local file.
        services.TryAddSingleton<IIntentStore>(sp => SqliteChosen(sp).GetRequiredService<SqliteIntentStore>());
        services.TryAddSingleton<IIntentAttemptJournal>(sp => ActivatorUtilities.CreateInstance<SqliteIntentAttemptJournal>(SqliteChosen(sp)));
        services.TryAddSingleton<IIntentQueries>(sp => ActivatorUtilities.CreateInstance<SqliteIntentQueries>(SqliteChosen(sp)));
        services.TryAddKeyedSingleton<IRecordPurge>(IntentStorePurgeKey, (sp, _) => ActivatorUtilities.CreateInstance<SqliteIntentRetention>(SqliteChosen(sp)));
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IRecordPurge>(IntentStorePurgeKey));
        return services;
    }
}
