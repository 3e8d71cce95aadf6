using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventBridge.Pipeline.Storage;

public static class SqliteIntentStoreServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates section <c>IntentStore</c> and registers <see cref="SqliteIntentStore"/> as the singleton
    /// <see cref="IIntentStore"/>. The schema is created by <see cref="IIntentStore.InitializeAsync"/>, which
    /// <see cref="IntentStoreInitializer"/> calls at start-up.
    /// </summary>
    public static IServiceCollection AddSqliteIntentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteIntentStoreOptions>()
            .Bind(configuration.GetSection(SqliteIntentStoreOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<SqliteIntentStore>();
        services.TryAddSingleton<IIntentStore>(sp => sp.GetRequiredService<SqliteIntentStore>());
        services.TryAddSingleton<SqliteIntentQueries>();
        return services;
    }
}
