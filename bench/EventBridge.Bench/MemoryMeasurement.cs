using System.Diagnostics;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Bench;

/// <summary>
/// The real worker (src/EventBridge.Worker) as a process over a store holding N pending intents; VmRSS read from /proc
/// after the worker is ready, its index loaded and a few seconds of settling. The worker talks to a simulator in the
/// bench process, as it talks to Genesys in production: the embedded simulator (a second web host, ~25 MB) is a
/// demo convenience, not part of the worker's footprint. <c>--embedded-simulator</c> measures it in, for comparison.
/// </summary>
internal static class MemoryMeasurement
{
    public static async Task<Row> RunAsync(Uri broker, int intents, bool embeddedSimulator = false)
    {
        await using var simulator = embeddedSimulator ? null : await GenesysSimulator.StartAsync(new SimulatorOptions());
        var db = Path.Combine(Path.GetTempPath(), $"eventbridge-bench-mem-{Guid.NewGuid():N}.db");
        await BenchPipeline.SeedStoreAsync(db, Enumerable.Range(0, intents).Select(_ => Guid.NewGuid().ToString()));
        var port = ClusterWorkers.FreePort();
        var environment = new Dictionary<string, string> { ["RabbitMq__Uri"] = broker.ToString(), ["IntentStore__Path"] = db };
        if (simulator is null)
        {
            environment["EmbeddedSimulator__Url"] = $"http://127.0.0.1:{ClusterWorkers.FreePort()}";
        }
        else
        {
            environment["Genesys__ApiBaseUrl"] = simulator.BaseUri.ToString();
            environment["Genesys__ClientId"] = OAuthClientOptions.DemoClientId;
            environment["Genesys__ClientSecret"] = OAuthClientOptions.DemoClientSecret;
            environment["WrapUp__QueueIds__0"] = SeedData.DemoQueueId;
        }

        using var worker = ClusterWorkers.StartWorker(new Uri($"http://127.0.0.1:{port}"), environment);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Measurements.WaitAsync(() => Answers(http, $"http://127.0.0.1:{port}/health/ready") || worker.HasExited, TimeSpan.FromSeconds(120));
            if (worker.HasExited) throw new InvalidOperationException($"The worker exited with {worker.ExitCode} before it was ready.");
            await Task.Delay(TimeSpan.FromSeconds(8));
            var rss = new List<double>();
            var anonymous = new List<double>();
            var files = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                rss.Add(ReadStatusMb(worker.Id, "VmRSS:"));
                anonymous.Add(ReadStatusMb(worker.Id, "RssAnon:"));
                files.Add(ReadStatusMb(worker.Id, "RssFile:"));
                await Task.Delay(500);
            }

            var value = Measurements.Median(rss);
            return new Row($"Memory (worker RSS, {intents:N0} pending)", $"{value:0} MB", "—", $"{value:0} MB", "< 150 MB", value < 150,
                $"real worker process ({(simulator is null ? "embedded simulator" : "simulator in the bench process, as Genesys would be")}) over a SQLite store seeded with {intents:N0} pending intents; VmRSS median of 5 reads, " +
                $"8 s after /health/ready (of it: anonymous {Measurements.Median(anonymous):0} MB, file-backed {Measurements.Median(files):0} MB).");
        }
        finally
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
            foreach (var file in new[] { db, db + "-wal", db + "-shm" })
                File.Delete(file);
        }
    }

    private static bool Answers(HttpClient http, string url)
    {
        try
        {
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static double ReadStatusMb(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}
