using EventBridge.DeadLetters.Storage;
using EventBridge.Genesys.Http;
using EventBridge.DeadLetters;
using EventBridge.Pipeline.Cluster;
using EventBridge.Pipeline.Retention;
using EventBridge.Pipeline.Storage;
using EventBridge.Storage.Postgres.Listener;
using EventBridge.Storage.Postgres.DeadLetters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Storage.Postgres;

public static class PostgresStoreSetup
{
    /// <summary>
    /// When <c>IntentStore:Provider</c> is <c>Postgres</c>: the intent store, its attempt journal, the operators' queries,
    /// the dead letters, the support audit, the shared Genesys request budget and the listener lease with its inbox, all on the database of <c>IntentStore:ConnectionString</c> — what replicas
    /// of a cluster must share. Otherwise nothing, and <c>AddWrapUpPipeline</c> and <c>AddDeadLetterReview</c> keep
    /// their SQLite files. Call before both.
    /// </summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(IntentStoreOptions.SectionName).Get<IntentStoreOptions>() ?? new IntentStoreOptions();
        if (!options.UsesPostgres) return services;
        // An empty connection string is reported by the options' validation at start (AddSqliteIntentStore binds them),
        // with the setting's name; the data source is only built when first needed.
        services.AddSingleton(_ => new PostgresDatabase(new PostgresStoreOptions { ConnectionString = options.ConnectionString ?? "" }));
        services.AddSingleton<PostgresIntentStore>();
        services.AddSingleton<IIntentStore>(sp => sp.GetRequiredService<PostgresIntentStore>());
        services.AddSingleton<IIntentAttemptJournal, PostgresIntentAttemptJournal>();
        services.AddSingleton<IIntentQueries, PostgresIntentQueries>();
        services.AddSingleton<IDeadLetterStore, PostgresDeadLetterStore>();
        services.AddKeyedSingleton<IRecordPurge, PostgresIntentRetention>(SqliteIntentStoreServiceCollectionExtensions.IntentStorePurgeKey);
        services.AddKeyedSingleton<IRecordPurge, PostgresDeadLetterRetention>(DeadLetterReviewSetup.DeadLetterPurgeKey);
        services.AddSingleton<ISharedRequestLedger, PostgresRequestLedger>();
        services.AddSingleton<PostgresListenerSchema>();
        services.AddSingleton<IListenerLease, PostgresListenerLease>();
        services.AddSingleton<IListenerInbox, PostgresListenerInbox>();
        return services;
    }
}
