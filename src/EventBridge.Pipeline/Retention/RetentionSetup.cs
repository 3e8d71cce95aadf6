using Microsoft.Extensions.Configuration;

namespace EventBridge.Pipeline.Retention;

public static class RetentionSetup
{
    /// <summary>
    /// Section <c>Retention</c> (validated at start) and the sweeper over every registered <see cref="IRecordPurge"/>
    /// (the intent store adds one, the dead-letter review another).
    /// </summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        return services;
    }
}
