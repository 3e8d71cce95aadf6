using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using EventBridge.Bench;
using EventBridge.Genesys.Simulator.Hosting;

// bash bench/run.sh [--quick] [--bdn]: every row, one table, written to docs/PERFORMANCE.md (--out PATH).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Contains("--bdn"))
{
    BenchmarkRunner.Run<IngestBenchmarks>();
    return 0;
}

var quick = args.Contains("--quick");
var outIndex = Array.IndexOf(args, "--out");
var output = outIndex >= 0 ? args[outIndex + 1] : null;
var broker = new Uri(Environment.GetEnvironmentVariable("EVENTBRIDGE_RABBITMQ") ?? throw new InvalidOperationException("EVENTBRIDGE_RABBITMQ is not set: run bash bench/run.sh."));
var rows = new List<Row>();

var onlyIndex = Array.IndexOf(args, "--only");
var only = onlyIndex >= 0 ? args[onlyIndex + 1] : null;

// A measurement gives one row or several; a failed one is a row that says what failed, never a silent gap.
async Task RunMany(string name, Func<Task<IReadOnlyList<Row>>> measure)
{
    if (only is not null && !string.Equals(only, name, StringComparison.OrdinalIgnoreCase)) return;
    Console.Error.WriteLine($"[bench] {name} …");
    try { rows.AddRange(await measure()); }
    catch (Exception failed)
    {
        Console.Error.WriteLine($"[bench] {name} failed: {failed}");
        rows.Add(new Row(name, "—", "—", "not measured", "", null, $"failed: {failed.GetType().Name}: {failed.Message}"));
    }
}

Task Run(string name, Func<Task<Row>> measure) => RunMany(name, async () => [await measure()]);

await Run("Intake", async () =>
{
    await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { RateLimitPerMinute = 0, DisconnectDelay = TimeSpan.Zero });
    await using var pipeline = await BenchPipeline.StartAsync(broker, simulator, Path.Combine(Path.GetTempPath(), $"eventbridge-bench-{Guid.NewGuid():N}.db"));
    await Measurements.WaitAsync(() => pipeline.Health().ConnectedChannelCount > 0, TimeSpan.FromSeconds(30));
    return await Measurements.IntakeAsync(broker, simulator, pipeline, quick);
});
await Run("Ingest", () => Measurements.IngestAsync(quick));
var backgroundIndex = Array.IndexOf(args, "--latency-background"); // diagnosis: the same row with another background event rate (0: none)
await Run("Latency", () => Measurements.LatencyAsync(broker, quick,
    backgroundIndex >= 0 ? int.Parse(args[backgroundIndex + 1], CultureInfo.InvariantCulture) : Measurements.LatencyBackgroundEventsPerSecond));
var memoryIndex = Array.IndexOf(args, "--memory-intents"); // diagnosis: the same row with another number of intents (0: the empty worker)
await Run("Memory", () => MemoryMeasurement.RunAsync(broker, memoryIndex >= 0 ? int.Parse(args[memoryIndex + 1], CultureInfo.InvariantCulture) : 100_000,
    args.Contains("--embedded-simulator")));
await Run("Recovery", () => Measurements.RecoveryAsync(broker, quick));
var traceIndex = Array.IndexOf(args, "--economy-trace"); // diagnosis: per-conversation timeline of the burst
await RunMany("Economy", () => EconomyMeasurement.BurstAsync(broker, quick, traceIndex >= 0 ? args[traceIndex + 1] : null));
await Run("Sustained", () => SustainedMeasurement.RunAsync(broker, quick));
await RunMany("Cluster", () => ClusterMeasurement.RunAsync(broker, quick));

var table = new StringBuilder();
table.AppendLine(PerformanceDoc.TableHeader);
foreach (var r in rows) table.AppendLine(PerformanceDoc.TableLine(r));
Console.WriteLine(table);

if (output is not null)
{
    var run = new PerformanceDoc.Run(quick, only, Environment.GetEnvironmentVariable("EVENTBRIDGE_COMMIT") ?? "unknown", DateTimeOffset.UtcNow);
    // A filtered run puts its rows into the whole table (saying so); a diagnosis variant measures something else and
    // writes beside it.
    var diagnosis = args.Contains("--memory-intents") || args.Contains("--embedded-simulator") || args.Contains("--latency-background");
    if (diagnosis) output = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, $"PERFORMANCE.only-{(only ?? "diagnosis").ToLowerInvariant()}.md");
    if (rows.Count == 0)
    {
        Console.Error.WriteLine($"[bench] no measurement is called '{only}' (Intake, Ingest, Latency, Memory, Recovery, Economy, Sustained, Cluster); nothing written");
        return 2;
    }

    if (only is not null && !diagnosis && File.Exists(output)) PerformanceDoc.UpdateRows(output, rows, run);
    else PerformanceDoc.Write(output, rows, run);
    Console.Error.WriteLine($"[bench] wrote {output}");
}

return 0;
