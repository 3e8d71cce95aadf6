using System.Globalization;
using System.Runtime.InteropServices;
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
await Run("Latency", () => Measurements.LatencyAsync(broker, quick));
var memoryIndex = Array.IndexOf(args, "--memory-intents"); // diagnosis: the same row with another number of intents (0: the empty worker)
await Run("Memory", () => MemoryMeasurement.RunAsync(broker, memoryIndex >= 0 ? int.Parse(args[memoryIndex + 1], CultureInfo.InvariantCulture) : 100_000,
    args.Contains("--embedded-simulator")));
await Run("Recovery", () => Measurements.RecoveryAsync(broker, quick));
var traceIndex = Array.IndexOf(args, "--economy-trace"); // diagnosis: per-conversation timeline of the burst
await RunMany("Economy", () => EconomyMeasurement.BurstAsync(broker, quick, traceIndex >= 0 ? args[traceIndex + 1] : null));
await Run("Sustained", () => SustainedMeasurement.RunAsync(broker, quick));

var table = new StringBuilder();
table.AppendLine("| measurement | EventBridge | baseline | ratio or value | goal | met? |");
table.AppendLine("|---|---|---|---|---|---|");
foreach (var r in rows)
    table.AppendLine($"| {r.Measurement} | {r.EventBridge} | {r.Baseline} | {r.Value} | {r.Goal} | {(r.Met is null ? "—" : r.Met.Value ? "yes" : "**no**")} |");
Console.WriteLine(table);

if (output is not null)
{
    var memInfo = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
    var doc = new StringBuilder();
    doc.AppendLine("# Performance");
    doc.AppendLine();
    doc.AppendLine("Written by `bash bench/run.sh" + (quick ? " --quick" : "") + (only is null ? "" : $" --only {only}") +
        "` (the harness in `bench/EventBridge.Bench`). Do not edit the table by hand; run the command again." +
        (only is null ? "" : " A filtered run writes this file beside docs/PERFORMANCE.md, which keeps the last whole run."));
    doc.AppendLine();
    doc.AppendLine("## Machine");
    doc.AppendLine();
    doc.AppendLine($"- cores: {Environment.ProcessorCount}; memory: {memInfo.Split(':')[1].Trim()}; OS: {RuntimeInformation.OSDescription}; .NET: {RuntimeInformation.FrameworkDescription}");
    doc.AppendLine($"- date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; mode: {(quick ? "quick" : "full")}; commit: {Environment.GetEnvironmentVariable("EVENTBRIDGE_COMMIT") ?? "unknown"}");
    doc.AppendLine();
    doc.AppendLine("## Reproduce");
    doc.AppendLine();
    doc.AppendLine("```");
    doc.AppendLine("bash bench/run.sh            # full run");
    doc.AppendLine("bash bench/run.sh --quick    # fewer rounds and samples");
    doc.AppendLine("bash bench/run.sh --bdn      # BenchmarkDotNet for the ingest micro part (parse + match vs bare STJ)");
    doc.AppendLine("bash bench/run.sh --only Memory [--memory-intents 0] [--embedded-simulator]   # one row (docs/PERFORMANCE.only-<row>.md); diagnosis variants");
    doc.AppendLine("bash bench/run.sh --only Economy [--quick] [--economy-trace PATH]   # the request economy at the real budget: calls per wrap-up, burst of 200");
    doc.AppendLine("bash bench/run.sh --only Sustained [--quick]   # 200 conversations a minute for 5 minutes (1 with --quick), 30 s ACW");
    doc.AppendLine("```");
    doc.AppendLine();
    doc.AppendLine("## Latest table");
    doc.AppendLine();
    doc.Append(table);
    doc.AppendLine();
    doc.AppendLine("## What each row measured");
    doc.AppendLine();
    foreach (var r in rows) doc.AppendLine($"- **{r.Measurement}**: {r.Note}");
    var notes = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "..", "bench", "FINDINGS.md");
    if (File.Exists(notes))
    {
        doc.AppendLine();
        doc.Append(File.ReadAllText(notes));
    }

    File.WriteAllText(output, doc.ToString());
    Console.Error.WriteLine($"[bench] wrote {output}");
}

return 0;
