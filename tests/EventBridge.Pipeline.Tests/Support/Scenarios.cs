using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Pipeline.Tests.Support;

/// <summary>Small steps the flow tests share: conversations in a given state, intents, and oracle reads.</summary>
public static class Scenarios
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static CreatedConversation ConnectedConversation(this GenesysSimulator sim, string prompt = "mandatory", int? timeoutMs = null)
    {
        var created = sim.Control.CreateConversation(new CreateConversationRequest
        {
            QueueId = SeedData.DemoQueueId,
            AgentUserId = SeedData.AgentOneId,
            WrapupPrompt = prompt,
            WrapupTimeoutMs = timeoutMs,
        });
        sim.Control.AgentAnswers(created.ConversationId);
        return created;
    }

    public static WrapUpIntent IntentFor(string conversationId, string code = "QA_Review", bool disconnect = false) => new()
    {
        IntentId = Guid.NewGuid(),
        ConversationId = conversationId,
        WrapUpCode = code,
        Notes = "set by EventBridge tests",
        Disconnect = disconnect,
        RequestedBy = "tests",
    };

    public static Task UntilAcwPendingAsync(this GenesysSimulator sim, string conversationId, string? participantId = null) =>
        sim.Control.WaitUntilAsync(conversationId, s => s.Participants.Any(p =>
            p.Purpose == "agent" && (participantId is null || p.ParticipantId == participantId) && p.AcwState == "pending"),
            new CancellationTokenSource(Patience).Token);

    public static IReadOnlyList<AppliedWrapup> WrapupsOf(this GenesysSimulator sim, string conversationId) =>
        sim.Control.ReadOracle().Wrapups.Where(w => w.ConversationId == conversationId).ToList();

    public static Task UntilAcceptedAsync(this OutcomeCollector outcomes, Guid intentId) =>
        Eventually.TrueAsync(() => outcomes.For(intentId).OfType<WrapUpAccepted>().Any(), Patience, $"intent {intentId} to be accepted");
}
