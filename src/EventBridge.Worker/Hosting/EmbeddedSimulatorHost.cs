using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Worker.Hosting;

/// <summary>
/// Runs the Genesys simulator inside the worker when no Genesys credentials are configured, so the whole flow
/// works on a laptop. It starts while the host is starting (before every hosted service's StartAsync, wherever it was
/// registered), so it listens before anyone logs in, and stops after all of them have stopped.
/// </summary>
public sealed class EmbeddedSimulatorHost(EmbeddedSimulatorOptions options, SimulatorOptions simulatorOptions, ILogger<EmbeddedSimulatorHost> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private GenesysSimulator? _simulator;

    public GenesysSimulator Simulator => _simulator ?? throw new InvalidOperationException("The embedded simulator has not started yet.");

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        _simulator = await GenesysSimulator.StartAsync(simulatorOptions, listenUrl: options.Url, ct: cancellationToken);
        logger.LogInformation("No Genesys credentials configured: embedded Genesys simulator listening on {SimulatorUrl} (control API under /sim)", _simulator.BaseUri);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_simulator is null) return;
        await _simulator.DisposeAsync();
        _simulator = null;
    }
}
