using System.ComponentModel.DataAnnotations;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>
/// Everything the simulator can be told at start (configuration section <c>Simulator</c>). Most values can also be
/// changed at run time through <c>PUT /sim/options</c> or <see cref="Control.SimulatorControl.UpdateOptions"/>.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>OAuth clients accepted by <c>POST /oauth/token</c>. Empty means: the demo client only.</summary>
    public List<OAuthClientOptions> Clients { get; set; } = [];

    /// <summary>Genesys lets an org set 300 s to 48 h per OAuth client; tests may go much lower.</summary>
    [Range(1, 172_800)]
    public int TokenLifetimeSeconds { get; set; } = 86_400;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Genesys channel lives 24 h unless re-subscribed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ChannelLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long before a close <c>v2.system.socket_closing</c> is sent (Genesys: about a minute), both for channel expiry
    /// and for a planned socket close (<see cref="Control.SimulatorControl.CloseSocketPlanned"/>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SocketClosingLeadTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between a disconnect request and the communication showing <c>disconnected</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DisconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Requests per token per minute; 0 switches the limiter (and its headers) off.</summary>
    [Range(0, 1_000_000)]
    public int RateLimitPerMinute { get; set; } = 300;

    [Range(1, 10_000)]
    public int MaxTopicsPerChannel { get; set; } = 1000;

    [Range(1, 1000)]
    public int MaxChannelsPerClient { get; set; } = 20;

    public WrapupOutsideAcwBehaviour WrapupOutsideAcw { get; set; } = WrapupOutsideAcwBehaviour.Reject409;

    /// <summary>
    /// Refused with 401 by default, as the first user's org answers a client-credentials token: the worker's fallback to
    /// the participant PATCH is on every test's path unless a test says it is about the per-communication call
    /// (<c>Allow</c>, the other side of the unsettled fact).
    /// </summary>
    public CommunicationWrapupCredentialsBehaviour CommunicationWrapupWithClientCredentials { get; set; } =
        CommunicationWrapupCredentialsBehaviour.Reject401;

    public ParticipantPatchWrapupCredentialsBehaviour ParticipantPatchWrapupWithClientCredentials { get; set; } =
        ParticipantPatchWrapupCredentialsBehaviour.Allow;

    /// <summary>ACW settings used when a conversation is created without its own.</summary>
    public AcwDefaults DefaultAcw { get; set; } = new();

    /// <summary>Topics (regular expressions) a client-credentials token may not subscribe to; see README.</summary>
    public List<ForbiddenTopicRule> ForbiddenTopics { get; set; } = [];

    /// <summary>Seed of the Random that decides which notifications faults hit, so runs repeat.</summary>
    public int FaultSeed { get; set; } = 12_345;

    /// <summary>The accepted client with this id, or null.</summary>
    public OAuthClientOptions? FindClient(string? clientId) => EffectiveClients().FirstOrDefault(c => c.ClientId == clientId);

    public IReadOnlyList<OAuthClientOptions> EffectiveClients() =>
        Clients.Count > 0 ? Clients : [new OAuthClientOptions()];
}
