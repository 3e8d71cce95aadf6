using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Doctor.Tests;

/// <summary>The worker binary itself (<c>dotnet EventBridge.Worker.dll doctor</c>), configured as an operator would: by environment.</summary>
public sealed class When_doctor_runs_as_a_verb_of_the_worker
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Should_print_the_report_and_exit_with_its_verdict()
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            ParticipantPatchWrapupWithClientCredentials = ParticipantPatchWrapupCredentialsBehaviour.Reject403,
        });

        var (exitCode, output) = await RunAsync(new Dictionary<string, string?>
        {
            ["Genesys__ApiBaseUrl"] = simulator.BaseUri.ToString(),
            ["Genesys__ClientId"] = OAuthClientOptions.DemoClientId,
            ["Genesys__ClientSecret"] = OAuthClientOptions.DemoClientSecret,
            ["WrapUp__QueueIds__0"] = SeedData.DemoQueueId,
        });

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain($"EventBridge doctor: OAuth client {OAuthClientOptions.DemoClientId} at {simulator.BaseUri}"));
            Assert.That(output, Does.Contain("FAIL  wrap-up call"), "the simulator's default refuses the communication call with 401; PATCH is refused here too");
            Assert.That(output, Does.Contain("PASS  queues"));
            Assert.That(output, Does.Not.Contain(OAuthClientOptions.DemoClientSecret));
        });
    }

    [Test]
    public async Task Should_check_the_embedded_simulator_when_no_credentials_are_configured()
    {
        var (exitCode, output) = await RunAsync(new Dictionary<string, string?>());

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("at the embedded simulator"));
            Assert.That(output, Does.Contain($"PASS  queues                 {SeedData.DemoQueueName}"));
            Assert.That(output, Does.Contain("WARN  wrap-up call"), "the embedded simulator answers the communication call as the first user's org does: 401");
        });
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string?> environment)
    {
        var workerDll = Path.Combine(AppContext.BaseDirectory, "EventBridge.Worker.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        // Credentials in the test's environment would point the doctor at a real org.
        foreach (var key in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(k => k.StartsWith("Genesys__", StringComparison.OrdinalIgnoreCase)))
            environment.TryAdd(key, null);
        return await Command.RunAsync(dotnet, [workerDll, "doctor"], AppContext.BaseDirectory, Bound, environment);
    }
}
