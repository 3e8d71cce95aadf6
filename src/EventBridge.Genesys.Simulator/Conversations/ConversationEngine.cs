using System.Runtime.CompilerServices;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>
/// The message-conversation lifecycle: alerting → connected → disconnected (after <c>DisconnectDelay</c>) → ACW
/// pending → wrap-up applied, skipped or timed out. One lock keeps every change and its snapshot in order.
/// </summary>
internal sealed partial class ConversationEngine(
    OrgDirectory org,
    SimulatorOptions options,
    TimeProvider time,
    SimulatorOracle oracle,
    ConversationEvents events,
    ConversationViews views)
{
    public const string WrapupNotAllowedCode = "conversation.error.wrapup.not.allowed";
    private static readonly string[] Prompts = ["mandatory", "optional", "timeout", "forcedTimeout", "agentRequested"];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimConversation> _conversations = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<StrongBox<ITimer?>> _pendingDisconnects = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CreatedConversation Create(CreateConversationRequest request)
    {
        var queue = org.RequireQueue(request.QueueId ?? SeedData.DemoQueueId);
        var agent = org.RequireUser(request.AgentUserId ?? SeedData.AgentOneId);
        var prompt = request.WrapupPrompt ?? options.DefaultAcw.WrapupPrompt;
        if (!Prompts.Contains(prompt))
            throw GenesysApiException.BadRequest($"wrapupPrompt '{prompt}' is not one of {string.Join(", ", Prompts)}.");

        lock (_gate)
        {
            var now = time.GetUtcNow();
            var c = new SimConversation(Guid.NewGuid().ToString(), now);
            var customer = new SimParticipant
            {
                Id = Guid.NewGuid().ToString(), Purpose = "customer", Name = request.CustomerName ?? "Customer", StartTime = now,
                State = "connected", ConnectedTime = now,
            };
            var acd = new SimParticipant
            {
                Id = Guid.NewGuid().ToString(), Purpose = "acd", Name = queue.Name, QueueId = queue.Id, StartTime = now,
                State = "connected", ConnectedTime = now,
            };
            c.Participants.Add(customer);
            c.Participants.Add(acd);
            var agentParticipant = AddAgent(c, queue.Id, agent, request.WrapupRequired ?? options.DefaultAcw.WrapupRequired,
                prompt, request.WrapupTimeoutMs ?? options.DefaultAcw.WrapupTimeoutMs);
            _conversations[c.Id] = c;
            if (request.Answer)
                Connect(c, agentParticipant);
            Publish(c);
            return new CreatedConversation(c.Id, customer.Id, acd.Id, agentParticipant.Id, agentParticipant.CommunicationId, queue.Id, agent.Id);
        }
    }

    public void Answer(string conversationId, string? participantId)
    {
        lock (_gate)
        {
            var (c, p) = RequireAgent(conversationId, participantId);
            if (p.State != "alerting")
                throw GenesysApiException.BadRequest($"Agent participant {p.Id} is {p.State}, not alerting.");
            Connect(c, p);
            Publish(c);
        }
    }

    public TransferredAgent Transfer(string conversationId, string toUserId)
    {
        var target = org.RequireUser(toUserId);
        lock (_gate)
        {
            var c = Require(conversationId);
            var from = c.Participants.LastOrDefault(p => p.IsAgent && p.IsActive)
                ?? throw GenesysApiException.BadRequest($"Conversation {c.Id} has no active agent to transfer from.");
            var to = AddAgent(c, from.QueueId, target, from.WrapupRequired, from.WrapupPrompt ?? "mandatory", from.WrapupTimeoutMs);
            Publish(c);
            ScheduleDisconnect(c, from, "transfer");
            return new TransferredAgent(from.Id, to.Id, to.CommunicationId, target.Id);
        }
    }

    /// <summary>Agent-requested ACW: the agent chose to enter wrap-up after the interaction ended.</summary>
    public void EnterAcw(string conversationId, string? participantId)
    {
        lock (_gate)
        {
            var (c, p) = RequireAgent(conversationId, participantId);
            if (p.IsActive || p.AcwState != "notApplicable")
                throw GenesysApiException.BadRequest($"Agent participant {p.Id} is {p.State} with ACW {p.AcwState}; it cannot enter ACW now.");
            StartAcw(p);
            Publish(c);
        }
    }

    public ConversationStatus Status(string conversationId)
    {
        lock (_gate)
        {
            var c = Require(conversationId);
            return new ConversationStatus(c.Id, c.EndTime is not null, [.. c.Participants.Select(p => new ParticipantStatus(
                p.Id, p.Purpose, p.UserId, p.QueueId, p.CommunicationId, p.State, p.AcwState, p.WrapupPrompt,
                p.Wrapup?.Id, p.Wrapup?.Name, p.WrapupSkipped))]);
        }
    }

    public IReadOnlyList<string> ConversationIds()
    {
        lock (_gate)
            return [.. _conversations.Keys];
    }

    public ConversationDto RestView(string conversationId)
    {
        lock (_gate)
            return views.Rest(Require(conversationId));
    }

    public MessageConversationDto MessagesView(string conversationId)
    {
        lock (_gate)
            return views.MessagesRest(Require(conversationId));
    }

    public IReadOnlyList<SimWrapupCode> CodesFor(string conversationId, string participantId)
    {
        string? queueId;
        lock (_gate)
            queueId = RequireParticipant(Require(conversationId), participantId).QueueId;
        return queueId is null
            ? []
            : [.. org.RequireQueue(queueId).WrapupCodeIds.Select(org.FindWrapupCode).OfType<SimWrapupCode>()];
    }

    /// <summary>Completes when the condition holds; the simulator signals after every change.</summary>
    public async Task WaitUntilAsync(string conversationId, Func<ConversationStatus, bool> condition, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(Status(conversationId)))
                    return;
                changed = _changed.Task;
            }

            await changed.WaitAsync(ct);
        }
    }

    private SimParticipant AddAgent(SimConversation c, string? queueId, SimUser agent, bool wrapupRequired, string prompt, int? timeoutMs)
    {
        var p = new SimParticipant
        {
            Id = Guid.NewGuid().ToString(), Purpose = "agent", Name = agent.Name, UserId = agent.Id, QueueId = queueId,
            StartTime = time.GetUtcNow(), WrapupRequired = wrapupRequired, WrapupPrompt = prompt,
            WrapupTimeoutMs = prompt is "timeout" or "forcedTimeout" ? timeoutMs : null,
        };
        c.Participants.Add(p);
        return p;
    }

    /// <summary>When the agent answers, the acd participant hands over and disconnects with type transfer.</summary>
    private void Connect(SimConversation c, SimParticipant agent)
    {
        var now = time.GetUtcNow();
        agent.State = "connected";
        agent.ConnectedTime = now;
        foreach (var acd in c.Participants.Where(p => p.Purpose == "acd" && p.IsActive))
        {
            acd.State = "disconnected";
            acd.DisconnectType = "transfer";
            acd.EndTime = now;
        }
    }

    private void StartAcw(SimParticipant p)
    {
        p.StartAcwTime = time.GetUtcNow();
        p.AcwState = "pending";
        if (p.WrapupPrompt is "timeout" or "forcedTimeout" && p.WrapupTimeoutMs is > 0 and var ms)
            p.AcwTimer = time.CreateTimer(_ => OnAcwTimeout(p), null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan);
    }

    private void Publish(SimConversation c)
    {
        events.Snapshot(c);
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    private SimConversation Require(string conversationId) =>
        _conversations.GetValueOrDefault(conversationId) ?? throw GenesysApiException.ConversationNotFound(conversationId);

    private static SimParticipant RequireParticipant(SimConversation c, string participantId) =>
        c.Participants.FirstOrDefault(p => string.Equals(p.Id, participantId, StringComparison.OrdinalIgnoreCase))
        ?? throw GenesysApiException.NotFound($"Participant {participantId} was not found in conversation {c.Id}.");

    private (SimConversation, SimParticipant) RequireAgent(string conversationId, string? participantId)
    {
        var c = Require(conversationId);
        var p = participantId is null
            ? c.CurrentAgent ?? throw GenesysApiException.NotFound($"Conversation {c.Id} has no agent participant.")
            : RequireParticipant(c, participantId);
        if (!p.IsAgent)
            throw GenesysApiException.BadRequest($"Participant {p.Id} is a {p.Purpose}, not an agent.");
        return (c, p);
    }

    private static GenesysApiException NotActive(SimParticipant p) => new(403, "conversation.error.forbidden.not.active.participant",
        $"Participant {p.Id} is not active (state {p.State}); only an active participant can be disconnected.");
}
