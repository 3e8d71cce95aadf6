using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Worker.Hosting;

/// <summary>
/// Runs the Genesys simulator inside the worker when no Genesys credentials are configured, so the whole flow
/// works on a laptop. It is registered before every other hosted service, so it listens before anyone logs in.
/// </summary>
public sealed class EmbeddedSimulatorHost(EmbeddedSimulatorOptions options, SimulatorOptions simulatorOptions, ILogger<EmbeddedSimulatorHost> logger)
    : IHostedService, IAsyncDisposable
{
    private GenesysSimulator? _simulator;

    public GenesysSimulator Simulator => _simulator ?? throw new InvalidOperationException("The embedded simulator has not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _simulator = await GenesysSimulator.StartAsync(simulatorOptions, listenUrl: options.Url, ct: cancellationToken);
        logger.LogInformation("No Genesys credentials configured: embedded Genesys simulator listening on {SimulatorUrl} (control API under /sim)", _simulator.BaseUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_simulator is null) return;
        await _simulator.DisposeAsync();
        _simulator = null;
    }
}
