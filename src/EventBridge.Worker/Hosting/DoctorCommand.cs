using EventBridge.Doctor;
using EventBridge.Genesys;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Subscriptions;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Hosting;

/// <summary>
/// <c>dotnet EventBridge.Worker.dll doctor [--code NAME]… [--Section:Key value]…</c>: checks the configured org (the
/// worker's own configuration: appsettings, environment, command line) and exits 0 when nothing failed, 1 when
/// something will make wrap-ups fail, 2 when the configuration itself is wrong. Without Genesys credentials it checks
/// the embedded simulator, on a port of its own so a running demo worker is not in the way.
/// </summary>
public static class DoctorCommand
{
    public const string Verb = "doctor";
    private const string CodeOption = "--code";

    public static bool IsInvoked(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine("usage: dotnet EventBridge.Worker.dll doctor [--code <wrap-up code name or id>]... [--<Section>:<Key> <value>]...");
            output.WriteLine("Checks the configured Genesys org; exit 0: nothing failed, 1: something failed, 2: configuration error.");
            return 0;
        }

        var (codes, rest) = SplitCodes(args[1..]);
        if (codes is null)
        {
            output.WriteLine($"{CodeOption} needs a wrap-up code name or id after it.");
            return 2;
        }

        try
        {
            using var host = Build(rest);
            await host.StartAsync();
            var settings = Settings(host.Services, codes);
            var report = await host.Services.GetRequiredService<OrgDoctor>().RunAsync(settings);
            foreach (var line in report.Lines(settings)) output.WriteLine(SafeLogValues.Escape(line));
            await host.StopAsync();
            return report.ExitCode;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            output.WriteLine(SafeLogValues.Escape($"configuration error: {e.Message}"));
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A check that threw instead of reporting is a doctor bug; say so in one line rather than with a stack trace.
            output.WriteLine(SafeLogValues.Escape($"doctor could not finish: {e.GetType().Name}: {e.Message}"));
            return 2;
        }
    }

    private static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // The report is the output; the client's own logs (token acquired, retries) would only bury it.
        builder.Logging.ClearProviders();
        if (GenesysConnectionSetup.UsesEmbeddedSimulator(builder.Configuration))
            builder.Configuration.AddInMemoryCollection([new($"{EmbeddedSimulatorOptions.Section}:Url", $"http://127.0.0.1:{FreePort()}")]);
        builder.AddGenesysConnection();
        builder.Services.AddTransient<OrgDoctor>();
        return builder.Build();
    }

    private static DoctorSettings Settings(IServiceProvider services, IReadOnlyList<string> codes)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var genesys = services.GetRequiredService<IOptions<GenesysOptions>>().Value;
        var wrapUp = configuration.GetSection(WrapUpPipelineOptions.Section).Get<WrapUpPipelineOptions>() ?? new();
        var subscriptions = configuration.GetSection(SubscriptionOptions.Section).Get<SubscriptionOptions>() ?? new();
        return new DoctorSettings
        {
            ClientId = genesys.ClientId,
            Org = services.GetService<EmbeddedSimulatorHost>() is not null ? $"the embedded simulator ({genesys.ResolveApiBaseUrl()})" : genesys.ResolveApiBaseUrl().ToString(),
            QueueIds = wrapUp.QueueIds,
            Codes = codes,
            MaxChannels = subscriptions.MaxChannels,
            RequestsPerMinute = genesys.RequestsPerMinute,
            PreferredCall = wrapUp.PreferredCall,
        };
    }

    /// <summary>The <c>--code</c> values, and everything else for the host's configuration; null codes when one lacks its value.</summary>
    private static (List<string>? Codes, string[] Others) SplitCodes(string[] args)
    {
        var codes = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != CodeOption) { rest.Add(args[i]); continue; }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return (null, []);
            codes.Add(args[++i]);
        }

        return (codes, [.. rest]);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
