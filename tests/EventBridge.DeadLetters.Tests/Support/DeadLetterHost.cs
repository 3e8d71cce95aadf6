using System.Net.Http.Headers;
using EventBridge.Contracts;
using EventBridge.DeadLetters.Api;
using EventBridge.DeadLetters.Review;
using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline;
using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Intake;
using EventBridge.Pipeline.Storage;
using EventBridge.Storage.Postgres;
using EventBridge.Worker.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventBridge.DeadLetters.Tests.Support;

/// <summary>
/// The dead-letter review wired as the worker wires it (AddDeadLetterReview, MapDeadLetterApi, the worker's bus and
/// stores) in a real Kestrel host on a free port, on an isolated vhost where fake pipeline consumers fail like the real ones,
/// the stores on SQLite files in a temp folder or on a throwaway PostgreSQL database (<see cref="StoreEngine"/>), and a
/// test authentication scheme.
/// </summary>
public sealed class DeadLetterHost : IAsyncDisposable
{
    public const string ViewerPolicy = "viewer";
    public const string SupportPolicy = "support";
    public static readonly string IntakeErrorQueue = PipelineQueues.Intents + "_error";
    public static readonly string SettleErrorQueue = PipelineQueues.Settle + "_error";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Shorter than the default (1 s), long enough to see a group retry part way through.</summary>
    public static readonly TimeSpan GroupRetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly WebApplication _app;
    private readonly AsyncServiceScope _scope;
    private readonly string _folder;
    private readonly ThrowawayPostgresDatabase? _postgres;

    private DeadLetterHost(WebApplication app, IsolatedVhost vhost, string folder, ThrowawayPostgresDatabase? postgres, Uri baseAddress)
    {
        _app = app;
        _folder = folder;
        _postgres = postgres;
        Vhost = vhost;
        BaseAddress = baseAddress;
        _scope = app.Services.CreateAsyncScope();
        Review = _scope.ServiceProvider.GetRequiredService<DeadLetterReview>();
    }

    public IsolatedVhost Vhost { get; }
    public Uri BaseAddress { get; }
    public DeadLetterReview Review { get; }
    public IServiceProvider Services => _app.Services;
    public IDeadLetterStore Store => Services.GetRequiredService<IDeadLetterStore>();
    public FakePipeline Pipeline => Services.GetRequiredService<FakePipeline>();
    public IBus Bus => Services.GetRequiredService<IBus>();

    public static Task<DeadLetterHost> StartAsync(IsolatedVhost vhost, StoreEngine engine = StoreEngine.Sqlite)
    {
        // MassTransit keeps its log context in an AsyncLocal: each host starts in a fresh flow.
        using (ExecutionContext.SuppressFlow())
            return Task.Run(() => StartCoreAsync(vhost, engine));
    }

    private static async Task<DeadLetterHost> StartCoreAsync(IsolatedVhost vhost, StoreEngine engine)
    {
        var postgres = engine == StoreEngine.Postgres ? new ThrowawayPostgresDatabase() : null;
        Environment.SetEnvironmentVariable("MASSTRANSIT_USAGE_TELEMETRY", "false");
        var folder = Path.Combine(Path.GetTempPath(), "eventbridge-deadletter-tests", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RabbitMq:Uri"] = vhost.Uri.ToString(),
            ["DeadLetters:Path"] = Path.Combine(folder, "data", "deadletters.db"),
            ["DeadLetters:RetryInterval"] = "00:00:00.100",
            ["DeadLetters:GroupRetryInterval"] = GroupRetryInterval.ToString(),
            ["IntentStore:Path"] = Path.Combine(folder, "data", "intents.db"),
            ["IntentStore:Provider"] = engine.ToString(),
            ["IntentStore:ConnectionString"] = postgres?.ConnectionString,
            // One retry: the flaky failure reaches MassTransit's fault path quickly.
            ["WrapUp:TransientRetryLimit"] = "1",
        });
        // The worker's own pieces (stores, bus, review), with fake consumers serving the pipeline's queues under its
        // endpoint policies: these tests are about the review, and need failures on demand.
        builder.Services.AddPostgresStores(builder.Configuration);
        builder.Services.AddSqliteIntentStore(builder.Configuration);
        builder.Services.AddOptions<WrapUpPipelineOptions>().Bind(builder.Configuration.GetSection(WrapUpPipelineOptions.Section));
        builder.Services.AddSingleton<FakePipeline>();
        builder.Services.AddEventBridgeMessaging(bus =>
        {
            bus.AddConsumer<FakeIntakeConsumer, IntakeEndpointDefinition<FakeIntakeConsumer>>();
            bus.AddConsumer<FakeSettleConsumer, SettleEndpointDefinition<FakeSettleConsumer>>();
        });
        builder.Services.AddDeadLetterReview(builder.Configuration);
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ViewerPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(SupportPolicy, p => p.RequireAuthenticatedUser().RequireRole("support"));

        var app = builder.Build();
        await app.Services.GetRequiredService<IIntentStore>().InitializeAsync();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDeadLetterApi(ViewerPolicy, SupportPolicy);
        await app.StartAsync();
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, Timeout);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DeadLetterHost(app, vhost, folder, postgres, new Uri(address));
    }

    /// <summary>Sends an intent as a MassTransit gateway does (an envelope to the intake queue).</summary>
    public async Task SendIntentAsync(WrapUpIntent intent)
    {
        var endpoint = await Bus.GetSendEndpoint(new Uri($"queue:{PipelineQueues.Intents}"));
        await endpoint.Send(intent);
    }

    public async Task SendSettleAsync(SettleWrapUpIntent command)
    {
        var endpoint = await Bus.GetSendEndpoint(new Uri($"queue:{PipelineQueues.Settle}"));
        await endpoint.Send(command);
    }

    public static WrapUpIntent Intent(string code, string? notes = "Customer asked for a callback.") => new()
    {
        IntentId = Guid.NewGuid(),
        ConversationId = Guid.NewGuid().ToString(),
        WrapUpCode = code,
        Notes = notes,
        ParticipantId = "p-" + Guid.NewGuid().ToString("N")[..8],
        UserId = "u-" + Guid.NewGuid().ToString("N")[..8],
        Disconnect = true,
        RequestedBy = "web-gateway",
    };

    /// <summary>Waits until a letter matching <paramref name="match"/> is stored.</summary>
    public Task<DeadLetterSummary> LetterAsync(Func<DeadLetterSummary, bool> match, string what) =>
        Eventually.GetAsync(async () => (await Store.ListAsync(null, null, 500, null)).FirstOrDefault(match), Timeout, what);

    public Task<DeadLetterSummary> LetterOfIntentAsync(Guid intentId) =>
        LetterAsync(l => l.IntentId == intentId, $"the dead letter of intent {intentId}");

    public Task<WrapUpIntent> ReceivedAsync(Func<WrapUpIntent, bool> match, string what) =>
        Eventually.GetAsync(() => Task.FromResult(Pipeline.Received.FirstOrDefault(match)), Timeout, what);

    public HttpClient Client(string? user, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout };
        if (user is not null) client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        if (roles.Length > 0) client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _postgres?.Dispose();
        try
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is the OS's to clean; the folder is under the temp directory.
        }
    }
}
