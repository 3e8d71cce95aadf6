using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Bench;

/// <summary>
/// Real worker processes (the worker next to this assembly) on one PostgreSQL database and the broker, talking to a
/// simulator in the bench process as replicas of a cluster talk to Genesys: each on its own defaults (the shared
/// request budget, the listener lease), logs at Warning.
/// </summary>
internal sealed class ClusterWorkers : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly List<(Process Process, Uri Url)> _workers = [];

    private ClusterWorkers()
    {
    }

    public int Count => _workers.Count;

    public static async Task<ClusterWorkers> StartAsync(int workers, Uri broker, GenesysSimulator simulator, string connectionString)
    {
        var cluster = new ClusterWorkers();
        try
        {
            for (var i = 0; i < workers; i++) cluster.Start(broker, simulator, connectionString);
            await Measurements.WaitAsync(() => cluster._workers.All(w => Role(w.Url) is not null), TimeSpan.FromSeconds(120), "every worker ready");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The index of the worker that holds the listener lease, once one does.</summary>
    public async Task<int> HolderAsync(TimeSpan within, int? not = null)
    {
        var holder = -1;
        await Measurements.WaitAsync(() =>
        {
            holder = Enumerable.Range(0, _workers.Count).Where(i => i != not && !_workers[i].Process.HasExited)
                .FirstOrDefault(i => Role(_workers[i].Url) == "Holder", -1);
            return holder >= 0;
        }, within, "a worker holding the listener lease");
        return holder;
    }

    /// <summary>SIGKILL: no shutdown, the lease is not released.</summary>
    public void Kill(int worker) => _workers[worker].Process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _workers)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    private void Start(Uri broker, GenesysSimulator simulator, string connectionString)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = StartWorker(url, new Dictionary<string, string>
        {
            ["RabbitMq__Uri"] = broker.ToString(),
            ["Genesys__ApiBaseUrl"] = simulator.BaseUri.ToString(),
            ["Genesys__ClientId"] = OAuthClientOptions.DemoClientId,
            ["Genesys__ClientSecret"] = OAuthClientOptions.DemoClientSecret,
            ["WrapUp__QueueIds__0"] = SeedData.DemoQueueId,
            ["IntentStore__Provider"] = "Postgres",
            ["IntentStore__ConnectionString"] = connectionString,
        });
        _workers.Add((process, url));
    }

    /// <summary>The worker binary next to this assembly at <paramref name="url"/>, logging at Warning, its output drained.</summary>
    public static Process StartWorker(Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "EventBridge.Worker.dll"), "--contentRoot", AppContext.BaseDirectory, "--urls", url.ToString() })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["Logging__Format"] = "text";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The role <c>/health/ready</c> reports (Holder, StandBy), or null while the worker does not answer ready.</summary>
    private static string? Role(Uri worker)
    {
        try
        {
            using var response = Http.GetAsync(new Uri(worker, "health/ready")).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode) return null;
            var body = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult();
            return body.GetProperty("listener").GetProperty("role").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
