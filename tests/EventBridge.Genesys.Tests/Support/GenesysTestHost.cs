using EventBridge.Genesys.Auth;
using EventBridge.Genesys.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Tests.Support;

/// <summary>The real DI registration of the client, with a fake clock and <see cref="FakeGenesys"/> behind every HttpClient.</summary>
internal sealed class GenesysTestHost : IDisposable
{
    public const string Secret = "s3cret-value-never-logged";

    public GenesysTestHost(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Genesys:ApiBaseUrl"] = "http://genesys.test",
            ["Genesys:ClientId"] = "client-1",
            ["Genesys:ClientSecret"] = Secret,
            ["Genesys:RetryBaseDelay"] = "00:00:00.100",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddGenesysClient(configuration);
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => Genesys));
        Services = services.BuildServiceProvider(validateScopes: true);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));

    public FakeGenesys Genesys { get; } = new();

    public ServiceProvider Services { get; }

    public GenesysApiClient Client => Services.GetRequiredService<GenesysApiClient>();

    public GenesysTokenProvider Tokens => Services.GetRequiredService<GenesysTokenProvider>();

    public RateBudgetState Budget => Services.GetRequiredService<RateBudgetState>();

    /// <summary>Moves the fake clock in steps until the task completes (timers registered late still fire).</summary>
    public async Task AdvanceUntilDone(Task task, TimeSpan step, int maxSteps = 200)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            Time.Advance(step);
            await Task.WhenAny(task, Task.Delay(10));
        }

        await task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    public void Dispose() => Services.Dispose();
}
