using EventBridge.Genesys;
using EventBridge.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Tests.Hosting;

/// <summary>A Genesys call that could outlive the host's shutdown wait is refused at start, with the keys to change.</summary>
public sealed class When_the_call_bound_is_checked_against_shutdown
{
    [Test]
    public void Should_accept_the_defaults()
    {
        using var services = Build(new());

        Assert.That(services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, Is.GreaterThan(new GenesysOptions().CallTimeout));
    }

    [Test]
    public void Should_refuse_a_call_timeout_at_or_beyond_the_shutdown_timeout()
    {
        using var services = Build(new() { ["Genesys:CallTimeout"] = "00:00:30" });

        var error = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<HostOptions>>().Value);

        Assert.That(error!.Message, Does.Contain("Genesys:CallTimeout").And.Contain("ShutdownTimeout"));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Genesys:ClientId"] = "id";
        settings["Genesys:ClientSecret"] = "secret";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddGenesysClient(configuration).RequireCallsToEndBeforeShutdown().BuildServiceProvider();
    }
}
