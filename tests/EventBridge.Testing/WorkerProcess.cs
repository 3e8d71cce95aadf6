using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EventBridge.Testing;

/// <summary>
/// The EventBridge worker as a real process: the test project references the worker, so its dll, deps and
/// runtimeconfig sit next to this assembly. The dll runs directly (not 'dotnet run'), so a kill hits the process that
/// holds the ports and the database.
/// </summary>
public static class WorkerProcess
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static ChildProcess Start(string name, int port, IReadOnlyDictionary<string, string?> settings)
    {
        var workerDll = Path.Combine(AppContext.BaseDirectory, "EventBridge.Worker.dll");
        if (!File.Exists(workerDll)) Assert.Fail($"{workerDll} is missing: the test project must reference src/EventBridge.Worker.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var environment = new Dictionary<string, string?>
        {
            ["Logging__Format"] = "text",
            ["MASSTRANSIT_USAGE_TELEMETRY"] = "false",
        };
        // Credentials in the test's environment would point the worker at a real org.
        foreach (var key in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(k => k.StartsWith("Genesys__", StringComparison.OrdinalIgnoreCase)))
            environment[key] = null;
        foreach (var (key, value) in settings) environment[key] = value;
        return ChildProcess.Start(name, dotnet,
            [workerDll, "--contentRoot", AppContext.BaseDirectory, "--urls", $"http://127.0.0.1:{port}"],
            AppContext.BaseDirectory, environment);
    }

    /// <summary>Live, then ready (bus connected, notification socket open).</summary>
    public static async Task WaitReadyAsync(ChildProcess worker, int port)
    {
        await WaitForHttpAsync(worker, new Uri($"http://127.0.0.1:{port}/health/live"));
        await WaitForHttpAsync(worker, new Uri($"http://127.0.0.1:{port}/health/ready"));
    }

    public static async Task WaitForHttpAsync(ChildProcess process, Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (!await AnswersAsync(http, url))
        {
            if (process.HasExited) Assert.Fail($"{process.Name} exited while waiting for {url} to answer.{Environment.NewLine}{process.Output()}");
            if (deadline.Elapsed > StartTimeout)
                Assert.Fail($"Gave up after {StartTimeout.TotalSeconds:0} s waiting for {url} to answer.{Environment.NewLine}{process.Output()}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A port free now, for a process that binds it moments later. Taken below the kernel's ephemeral range: a port the
    /// kernel hands out (port 0) is also what it gives the next outgoing connection (the broker, PostgreSQL, HTTP), which
    /// can take it before the worker binds it ("address already in use" in CI).
    /// </summary>
    public static int FreePort()
    {
        var ephemeralStart = EphemeralRangeStart();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Math.Min(10_000, ephemeralStart - 1), ephemeralStart);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: another.
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range[0], out var start) && start > 10_001 ? start : 32_768;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return 32_768;
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EventBridge.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No EventBridge.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
