using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>
/// An in-process simulator with a queue, an agent, a code, and conversations already in after-call work: two for the
/// SDK (one per wrap-up way) and two for the C# client, because a participant can be wrapped up only once.
/// </summary>
// The SDK drives both wrap-up calls, so the org allows the per-communication one (the simulator's default refuses it).
internal sealed class ConformanceScene : IAsyncDisposable
{
    public const string ClientId = "conformance-sdk";
    public const string ClientSecret = "conformance-sdk-secret-7f3a";
    public const string Notes = "applied by the conformance test";

    /// <summary>Well-formed but never created, so the SDK's GET must come back 404.</summary>
    public const string UnknownConversationId = "00000000-0000-4000-8000-00000000dead";

    private static readonly TimeSpan AcwTimeout = TimeSpan.FromSeconds(10);

    private ConformanceScene(GenesysSimulator simulator) => Simulator = simulator;

    public GenesysSimulator Simulator { get; }

    public SimQueue Queue { get; private set; } = null!;

    public SimUser Agent { get; private set; } = null!;

    public SimWrapupCode Code { get; private set; } = null!;

    public static async Task<ConformanceScene> StartAsync()
    {
        var options = new SimulatorOptions
        {
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
            Clients = [new OAuthClientOptions { ClientId = ClientId, ClientSecret = ClientSecret }],
            DisconnectDelay = TimeSpan.Zero,
        };
        var scene = new ConformanceScene(await GenesysSimulator.StartAsync(options, CancellationToken.None));
        var control = scene.Simulator.Control;
        scene.Queue = control.AddQueue("Conformance Queue");
        scene.Agent = control.AddUser("Conformance Agent");
        scene.Code = control.AddWrapupCode("Conformance_Resolved", [scene.Queue.Id]);
        return scene;
    }

    /// <summary>
    /// Alerting → answered → ended (by the customer or the agent) → ACW pending. The prompt is mandatory, which has
    /// no timeout, so a slow run cannot see ININ-WRAP-UP-TIMEOUT instead of our code.
    /// </summary>
    public async Task<ConversationInAcw> ConversationInAcwAsync(bool customerEnds)
    {
        var control = Simulator.Control;
        var created = control.CreateConversation(new CreateConversationRequest
        {
            QueueId = Queue.Id, AgentUserId = Agent.Id, WrapupRequired = true, WrapupPrompt = "mandatory",
        });
        control.AgentAnswers(created.ConversationId);
        if (customerEnds)
            control.CustomerEnds(created.ConversationId);
        else
            control.AgentDisconnects(created.ConversationId);

        using var deadline = new CancellationTokenSource(AcwTimeout);
        await control.WaitUntilAsync(created.ConversationId,
            c => c.Participants.Single(p => p.ParticipantId == created.AgentParticipantId).AcwState == "pending", deadline.Token);
        return new ConversationInAcw(created.ConversationId, created.AgentParticipantId, created.AgentCommunicationId);
    }

    public ConnectedConversation ConnectedConversation()
    {
        var created = Simulator.Control.CreateConversation(new CreateConversationRequest { QueueId = Queue.Id, AgentUserId = Agent.Id, Answer = true });
        return new ConnectedConversation(created.ConversationId, created.AgentParticipantId);
    }

    public IReadOnlyList<string> PutTopics() =>
        [$"v2.routing.queues.{Queue.Id}.conversations", $"v2.users.{Agent.Id}.conversations"];

    public static string AcwTopic(ConversationInAcw conversation) => $"v2.detail.events.conversation.{conversation.ConversationId}.acw";

    public DriverPlan PlanFor(ConversationInAcw a, ConversationInAcw b) => new(
        new GatewayPlan(Simulator.BaseUri.Host, Simulator.BaseUri.Scheme, Simulator.BaseUri.Port),
        ClientId, ClientSecret, Queue.Id, a, b, Code.Id, Code.Name, Notes,
        PutTopics(), AcwTopic(a), UnknownConversationId, DisconnectTargets());

    public DisconnectTargets DisconnectTargets() =>
        new(ConnectedConversation(), ConnectedConversation(), ConnectedConversation(), ConnectedConversation(), ConnectedConversation());

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
