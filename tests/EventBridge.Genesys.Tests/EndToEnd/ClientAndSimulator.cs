using EventBridge.Genesys.Auth;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Control;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>
/// The simulator in-process and the client built as the worker builds it: <c>AddGenesysClient</c> over configuration
/// whose <c>Genesys:ApiBaseUrl</c> is the simulator and whose credentials are the simulator's demo OAuth client.
/// A <see cref="TimeProvider"/> passed in drives both sides, so token lifetimes and lead times move together.
/// </summary>
// The org allows the per-communication wrap-up call here (the simulator's default refuses it): these tests are about the typed client, not the credentials.
internal sealed class ClientAndSimulator : IAsyncDisposable
{
    public static readonly string QueueTopic = NotificationTopics.QueueConversations(SeedData.DemoQueueId);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private NotificationSocket? _socket;

    private ClientAndSimulator(GenesysSimulator sim, ServiceProvider services)
    {
        Sim = sim;
        Services = services;
    }

    public GenesysSimulator Sim { get; }

    public SimulatorControl Control => Sim.Control;

    public ServiceProvider Services { get; }

    public GenesysApiClient Client => Services.GetRequiredService<GenesysApiClient>();

    public GenesysTokenProvider Tokens => Services.GetRequiredService<GenesysTokenProvider>();

    public RateBudgetState Budget => Services.GetRequiredService<RateBudgetState>();

    /// <summary>Set by <see cref="ListenToDemoQueueAsync"/>.</summary>
    public string ChannelId { get; private set; } = "";

    /// <summary>The channel's socket address, set by <see cref="ListenToDemoQueueAsync"/>: a successor socket connects here.</summary>
    public Uri ConnectUri { get; private set; } = null!;

    /// <param name="options">Simulator options; default: disconnects take effect at once.</param>
    /// <param name="time">Clock of simulator and client; default: the system clock, as in the worker.</param>
    public static async Task<ClientAndSimulator> StartAsync(SimulatorOptions? options = null, TimeProvider? time = null)
    {
        var sim = await GenesysSimulator.StartAsync(options ?? new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.Zero }, time);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Genesys:ApiBaseUrl"] = sim.BaseUri.AbsoluteUri,
            ["Genesys:ClientId"] = OAuthClientOptions.DemoClientId,
            ["Genesys:ClientSecret"] = OAuthClientOptions.DemoClientSecret,
            // Short backoffs keep retry tests quick; Retry-After still decides after a 429.
            ["Genesys:RetryBaseDelay"] = "00:00:00.050",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
            services.AddSingleton(time);
        services.AddGenesysClient(configuration);
        var provider = services.BuildServiceProvider(validateScopes: true);
        // ValidateOnStart needs a host; reading the options here fails just as early on a bad configuration.
        _ = provider.GetRequiredService<IOptions<GenesysOptions>>().Value;
        return new ClientAndSimulator(sim, provider);
    }

    /// <summary>A notification socket on the shared clock.</summary>
    public NotificationSocket CreateSocket(Uri connectUri) =>
        new(connectUri, Services.GetRequiredService<TimeProvider>(), Services.GetRequiredService<ILoggerFactory>().CreateLogger<NotificationSocket>());

    /// <summary>What the worker does first: create a channel, PUT the demo queue's generic topic, connect a socket.</summary>
    public async Task<NotificationSocket> ListenToDemoQueueAsync()
    {
        var channel = await Client.CreateChannelAsync();
        ChannelId = channel.Id!;
        ConnectUri = channel.ConnectUri!;
        var subscribed = await Client.ReplaceSubscriptionsAsync(ChannelId, [QueueTopic]);
        Assert.That(subscribed.Entities?.Select(t => (t.Id, t.State)), Is.EqualTo(new[] { (QueueTopic, "Permitted") }));
        _socket = CreateSocket(channel.ConnectUri!);
        await _socket.ConnectAsync().WaitAsync(Bound);
        // The simulator attaches a socket just after its handshake; a pong proves events will reach this one.
        await _socket.PingAsync().WaitAsync(Bound);
        return _socket;
    }

    /// <summary>
    /// Drives a conversation through create, answer and customer ends, and completes with the first snapshot on
    /// <paramref name="socket"/> in which the agent's communication is in ACW (<c>afterCallWork.state == "pending"</c>).
    /// </summary>
    public async Task<AgentInAcw> DriveIntoAcwAsync(NotificationSocket socket)
    {
        var created = Control.CreateConversation();
        var pending = socket.Notifications.Next(e => AgentInAcw.From(e) is { } acw && acw.ConversationId == created.ConversationId);
        Control.AgentAnswers(created.ConversationId);
        Control.CustomerEnds(created.ConversationId);
        return AgentInAcw.From(await pending)!;
    }

    /// <summary>An answered conversation whose agent is in ACW, driven through the control API only (no socket).</summary>
    public async Task<CreatedConversation> ConversationInAcwAsync()
    {
        var created = Control.CreateConversation(new CreateConversationRequest { Answer = true });
        Control.CustomerEnds(created.ConversationId);
        using var bounded = new CancellationTokenSource(Bound);
        await Control.WaitUntilAsync(created.ConversationId,
            s => s.Participants.Single(p => p.ParticipantId == created.AgentParticipantId).AcwState == "pending", bounded.Token);
        return created;
    }

    /// <summary>The oracle's request log for one method and path (query ignored).</summary>
    public IReadOnlyList<LoggedRequest> Requests(string method, string path) =>
        [.. Control.ReadOracle().Requests.Where(r => r.Method == method && r.Path == path)];

    public IReadOnlyList<LoggedRequest> Logins() => Requests("POST", "/oauth/token");

    public static string WrapupPath(string conversationId, string participantId, string communicationId) =>
        $"/api/v2/conversations/messages/{conversationId}/participants/{participantId}/communications/{communicationId}/wrapup";

    public static string ParticipantPath(string conversationId, string participantId) =>
        $"/api/v2/conversations/messages/{conversationId}/participants/{participantId}";

    public async ValueTask DisposeAsync()
    {
        // The socket first, while the simulator can still answer its close handshake.
        if (_socket is not null)
            await _socket.DisposeAsync();
        await Services.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
