using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Tests.Support;

/// <summary>A started simulator with a logged-in client; paths for the wrap-up calls of one conversation.</summary>
internal sealed class SimulatorSession : IAsyncDisposable
{
    private SimulatorSession(GenesysSimulator sim, GenesysApi api)
    {
        Sim = sim;
        Api = api;
    }

    public GenesysSimulator Sim { get; }

    public GenesysApi Api { get; }

    public static async Task<SimulatorSession> StartAsync(SimulatorOptions options, TimeProvider? time = null)
    {
        var sim = await GenesysSimulator.StartAsync(options, time);
        return new SimulatorSession(sim, await GenesysApi.LoginAsync(sim.BaseUri));
    }

    public static string WrapupPath(CreatedConversation c) =>
        $"api/v2/conversations/messages/{c.ConversationId}/participants/{c.AgentParticipantId}/communications/{c.AgentCommunicationId}/wrapup";

    public static string ParticipantPath(CreatedConversation c) =>
        $"api/v2/conversations/messages/{c.ConversationId}/participants/{c.AgentParticipantId}";

    /// <summary>Creates an answered conversation and ends it, waiting until the agent's ACW is pending.</summary>
    public async Task<CreatedConversation> ConversationInAcwAsync(string prompt = "mandatory", int? timeoutMs = null)
    {
        var created = Sim.Control.CreateConversation(new CreateConversationRequest { WrapupPrompt = prompt, WrapupTimeoutMs = timeoutMs, Answer = true });
        Sim.Control.CustomerEnds(created.ConversationId);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Sim.Control.WaitUntilAsync(created.ConversationId,
            s => s.Participants.Single(p => p.ParticipantId == created.AgentParticipantId).AcwState == "pending", cts.Token);
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Sim.DisposeAsync();
    }
}
