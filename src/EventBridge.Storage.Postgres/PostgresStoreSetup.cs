using EventBridge.Pipeline.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Storage.Postgres;

public static class PostgresStoreSetup
{
    /// <summary>
    /// When <c>IntentStore:Provider</c> is <c>Postgres</c>: the intent store, its attempt journal and the operators'
    /// queries on the database of <c>IntentStore:ConnectionString</c>. Otherwise nothing, and <c>AddWrapUpPipeline</c>
    /// keeps SQLite. Call before <c>AddWrapUpPipeline</c>.
    /// </summary>
    public static IServiceCollection AddPostgresIntentStore(this IServiceCollection services, IConfiguration configuration)
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
        return services;
    }
}
