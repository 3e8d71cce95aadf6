using EventBridge.Genesys;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using static EventBridge.Bench.Measurements;

namespace EventBridge.Bench;

/// <summary>
/// Genesys's real request budget, as the economy rows measure it: the simulator at 300 requests a minute per token with
/// an 80 ms round trip, the worker at its default budget (240/min) with agent topics and reconciliation at their
/// defaults, channels connected; the oracle starts empty.
/// </summary>
internal sealed class RealBudgetRig(GenesysSimulator simulator, BenchPipeline pipeline) : IAsyncDisposable
{
    /// <summary>The worker's default budget (<c>Genesys:RequestsPerMinute</c>), which the rig leaves in place.</summary>
    public static int RequestsPerMinute { get; } = new GenesysOptions().RequestsPerMinute;

    public GenesysSimulator Simulator => simulator;

    public BenchPipeline Pipeline => pipeline;

    public static async Task<RealBudgetRig> StartAsync(Uri broker)
    {
        var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { RateLimitPerMinute = 300 });
        simulator.Control.Faults.SetNotificationFaults(new NotificationFaults { ApiLatency = TimeSpan.FromMilliseconds(80) });
        var db = Path.Combine(Path.GetTempPath(), $"eventbridge-bench-{Guid.NewGuid():N}.db");
        var pipeline = await BenchPipeline.StartAsync(broker, simulator, db, new Dictionary<string, string?>
        {
            ["Genesys:RequestsPerMinute"] = null,
            ["WrapUp:SubscribeAgentTopics"] = null,
            ["WrapUp:ReconcileAfter"] = null,
        });
        await WaitAsync(() => pipeline.Health().IsReady, TimeSpan.FromSeconds(30), "channels connected");
        simulator.Control.Oracle.Clear();
        return new RealBudgetRig(simulator, pipeline);
    }

    public async ValueTask DisposeAsync()
    {
        await pipeline.DisposeAsync();
        await simulator.DisposeAsync();
    }
}
