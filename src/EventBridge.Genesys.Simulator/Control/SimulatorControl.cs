using System.Diagnostics;
using EventBridge.Genesys.Simulator.Auth;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Notifications;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Genesys.Simulator.Control;

/// <summary>
/// The C# face of the control API (<c>/sim/...</c>): set up the org, drive conversations as agents and customers
/// would, switch faults and options, and read the oracle.
/// </summary>
public sealed class SimulatorControl
{
    private readonly ConversationEngine _engine;
    private readonly ChannelRegistry _channels;
    private readonly TokenStore _tokens;
    private readonly SimulatorOptions _options;

    internal SimulatorControl(
        OrgDirectory org, ConversationEngine engine, ChannelRegistry channels, FaultInjector faults,
        SimulatorOracle oracle, SimulatorOptions options, TokenStore tokens)
    {
        Org = org;
        _engine = engine;
        _channels = channels;
        Faults = faults;
        Oracle = oracle;
        _options = options;
        _tokens = tokens;
    }

    public OrgDirectory Org { get; }

    public FaultInjector Faults { get; }

    public SimulatorOracle Oracle { get; }

    /// <summary>The live options; change them through <see cref="UpdateOptions"/> so values stay validated.</summary>
    public SimulatorOptions Options => _options;

    public SimQueue AddQueue(string name, IReadOnlyList<string>? wrapupCodeIds = null, string? id = null) =>
        Org.AddQueue(new SimQueue(id ?? Guid.NewGuid().ToString(), name, wrapupCodeIds ?? []));

    public SimUser AddUser(string name, string? id = null) => Org.AddUser(new SimUser(id ?? Guid.NewGuid().ToString(), name));

    public SimWrapupCode AddWrapupCode(string name, IReadOnlyList<string>? queueIds = null, string? id = null)
    {
        var code = Org.AddWrapupCode(new SimWrapupCode(id ?? Guid.NewGuid().ToString(), name, DateTimeOffset.UtcNow));
        foreach (var queueId in queueIds ?? [])
            Org.AssignWrapupCodes(queueId, [code.Id]);
        return code;
    }

    public CreatedConversation CreateConversation(CreateConversationRequest? request = null) =>
        _engine.Create(request ?? new CreateConversationRequest());

    public ConversationStatus GetConversation(string conversationId) => _engine.Status(conversationId);

    public IReadOnlyList<string> ConversationIds() => _engine.ConversationIds();

    public void AgentAnswers(string conversationId, string? participantId = null) => _engine.Answer(conversationId, participantId);

    public void CustomerEnds(string conversationId) => _engine.CustomerEnds(conversationId);

    public void AgentDisconnects(string conversationId, string? participantId = null) =>
        _engine.DisconnectParticipant(conversationId, participantId ?? CurrentAgent(conversationId), "client");

    /// <summary>The agent picks a code in the UI (id or name).</summary>
    public void AgentWrapsUp(string conversationId, string code, string? participantId = null, string? notes = null) =>
        _engine.ApplyWrapup(conversationId, participantId ?? CurrentAgent(conversationId), null,
            new WrapupRequest { Code = code, Notes = notes }, "agent");

    public void AgentSkipsWrapup(string conversationId, string? participantId = null) =>
        _engine.SkipWrapup(conversationId, participantId, "agent");

    public void AgentEntersAcw(string conversationId, string? participantId = null) => _engine.EnterAcw(conversationId, participantId);

    public TransferredAgent Transfer(string conversationId, string toUserId) => _engine.Transfer(conversationId, toUserId);

    public Task WaitUntilAsync(string conversationId, Func<ConversationStatus, bool> condition, CancellationToken ct = default) =>
        _engine.WaitUntilAsync(conversationId, condition, ct);

    public IReadOnlyList<ChannelInfo> Channels() =>
        [.. _options.EffectiveClients().SelectMany(c => _channels.List(c.ClientId, null))
            .Select(c => new ChannelInfo(c.Id, c.ClientId, [.. c.Topics], c.Socket is not null, c.ExpiresAt))];

    /// <summary>Expire now: socket_closing, close, and the channel is gone (HEAD → 404).</summary>
    public bool ExpireChannel(string channelId) => _channels.Expire(channelId);

    public bool EvictChannel(string channelId) => _channels.Evict(channelId);

    /// <summary>
    /// Planned close of the socket, not the channel (Genesys maintenance): socket_closing to the current socket now,
    /// then, after <see cref="SimulatorOptions.SocketClosingLeadTime"/>, close that socket if it is still the current
    /// one. Subscriptions stay; a client that connected a new socket meanwhile keeps it. False when the channel is
    /// gone or has no open socket.
    /// </summary>
    public bool CloseSocketPlanned(string channelId) => _channels.CloseSocketPlanned(channelId);

    public int CloseAllSockets() => _channels.CloseAllSockets();

    /// <summary>
    /// Every socket open now turns half-open: no event, heartbeat or pong, no close — the failure only a watchdog
    /// ping reveals. Sockets opened afterwards work normally. Returns how many were frozen.
    /// </summary>
    public int FreezeAllSockets() => _channels.FreezeAllSockets();

    /// <summary>
    /// The OAuth token behind a channel is revoked (an admin, a security event): its socket gets
    /// <c>v2.system.token_revoked.{channelId}</c>, the channel is gone and every token must be fetched again.
    /// False when the channel is unknown.
    /// </summary>
    public bool RevokeChannelToken(string channelId)
    {
        if (_channels.Find(channelId) is not { } channel) return false;
        channel.Socket?.Send(SystemFrames.TokenRevoked(channelId));
        _tokens.ExpireAll();
        return _channels.Evict(channelId);
    }

    /// <summary>
    /// Genesys drops a channel's subscriptions on its own: the socket gets <c>v2.system.no_longer_subscribed.{channelId}</c>
    /// and stays open, the channel stays listed, but its topics are gone, so nothing more arrives on it. False when the
    /// channel is unknown.
    /// </summary>
    public bool EndSubscriptions(string channelId)
    {
        if (_channels.Find(channelId) is not { } channel) return false;
        _channels.Unsubscribe(channelId, channel.ClientId);
        channel.Socket?.Send(SystemFrames.NoLongerSubscribed(channelId));
        return true;
    }

    public void ExpireAllTokens() => _tokens.ExpireAll();

    public OracleSnapshot ReadOracle() => Oracle.Snapshot();

    /// <summary>
    /// Returns once no API call has arrived for <paramref name="quietFor"/>, or when <paramref name="limit"/> has
    /// passed: calls a client makes late (a second wrap-up, a reconciliation's reads) are in the oracle before it is read.
    /// </summary>
    public async Task UntilQuietAsync(TimeSpan quietFor, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var count = Oracle.RequestCount;
        while (quiet.Elapsed < quietFor && waited.Elapsed < limit)
        {
            await Task.Delay(50);
            var now = Oracle.RequestCount;
            if (now != count) quiet.Restart();
            count = now;
        }
    }

    public void UpdateOptions(SimulatorRuntimeOptions update)
    {
        var candidate = new SimulatorOptions
        {
            TokenLifetimeSeconds = update.TokenLifetimeSeconds ?? _options.TokenLifetimeSeconds,
            HeartbeatInterval = update.HeartbeatInterval ?? _options.HeartbeatInterval,
            ChannelLifetime = update.ChannelLifetime ?? _options.ChannelLifetime,
            SocketClosingLeadTime = update.SocketClosingLeadTime ?? _options.SocketClosingLeadTime,
            DisconnectDelay = update.DisconnectDelay ?? _options.DisconnectDelay,
            RateLimitPerMinute = update.RateLimitPerMinute ?? _options.RateLimitPerMinute,
            DefaultAcw = update.DefaultAcw ?? _options.DefaultAcw,
        };
        try
        {
            SimulatorOptionsValidator.Validate(candidate);
        }
        catch (System.ComponentModel.DataAnnotations.ValidationException e)
        {
            throw GenesysApiException.BadRequest(e.Message);
        }

        _options.TokenLifetimeSeconds = candidate.TokenLifetimeSeconds;
        _options.HeartbeatInterval = candidate.HeartbeatInterval;
        _options.ChannelLifetime = candidate.ChannelLifetime;
        _options.SocketClosingLeadTime = candidate.SocketClosingLeadTime;
        _options.DisconnectDelay = candidate.DisconnectDelay;
        _options.RateLimitPerMinute = candidate.RateLimitPerMinute;
        _options.DefaultAcw = candidate.DefaultAcw;
        _options.WrapupOutsideAcw = update.WrapupOutsideAcw ?? _options.WrapupOutsideAcw;
        _options.CommunicationWrapupWithClientCredentials =
            update.CommunicationWrapupWithClientCredentials ?? _options.CommunicationWrapupWithClientCredentials;
        _options.ParticipantPatchWrapupWithClientCredentials =
            update.ParticipantPatchWrapupWithClientCredentials ?? _options.ParticipantPatchWrapupWithClientCredentials;
        if (update.ForbiddenTopics is not null)
            _options.ForbiddenTopics = update.ForbiddenTopics;
    }

    public Task<ScenarioResult> RunScenarioAsync(IReadOnlyList<ScenarioStep> steps, CancellationToken ct = default) =>
        new ScenarioRunner(this).RunAsync(steps, ct);

    private string CurrentAgent(string conversationId) =>
        _engine.Status(conversationId).Participants.LastOrDefault(p => p.Purpose == "agent")?.ParticipantId
        ?? throw GenesysApiException.NotFound($"Conversation {conversationId} has no agent participant.");
}
