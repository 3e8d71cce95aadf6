using EventBridge.Genesys.Simulator.Control;
using EventBridge.Genesys.Simulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>
/// The simulator in-process on Kestrel, on 127.0.0.1 and a free port:
/// <c>await using var sim = await GenesysSimulator.StartAsync(new SimulatorOptions(), ct: ct);</c>
/// </summary>
public sealed class GenesysSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GenesysSimulator(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Control = app.Services.GetRequiredService<SimulatorControl>();
    }

    /// <summary>http://127.0.0.1:PORT/ — login, API, sockets and control all live here.</summary>
    public Uri BaseUri { get; }

    public SimulatorControl Control { get; }

    public FaultInjector Faults => Control.Faults;

    /// <summary>
    /// The Genesys REST routes served ("GET /api/v2/conversations/{conversationId}"), read from the routing table so
    /// the conformance test can drive each one with the official SDK and a new route cannot be left out.
    /// </summary>
    public IReadOnlyList<string> ApiRoutes() =>
    [
        .. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v2/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct(),
    ];

    public static Task<GenesysSimulator> StartAsync(SimulatorOptions options, CancellationToken ct) => StartAsync(options, null, ct: ct);

    /// <summary>
    /// Starts on <paramref name="listenUrl"/> (default: 127.0.0.1 on a free port). Pass a FakeTimeProvider to move
    /// expiry, ACW timeouts and heartbeats by hand.
    /// </summary>
    public static async Task<GenesysSimulator> StartAsync(
        SimulatorOptions? options = null, TimeProvider? time = null, string listenUrl = "http://127.0.0.1:0", CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(GenesysSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseUrls(listenUrl);
        builder.Logging.ClearProviders();
        builder.Services.AddGenesysSimulator(options ?? new SimulatorOptions(), time);
        var app = builder.Build();
        app.UseGenesysSimulator();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GenesysSimulator(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Control.CloseAllSockets();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
