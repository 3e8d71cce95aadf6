using System.Net;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Conversations;

public sealed class When_a_conversation_is_disconnected_over_http
{
    private SimulatorSession _s = null!;

    [SetUp]
    public async Task Start() => _s = await SimulatorSession.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(20) });

    [TearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [Test]
    public async Task Should_reach_acw_after_PATCH_participant_state_disconnected()
    {
        var created = _s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        using var response = await _s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(created), new { state = "disconnected" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await WaitForAgentAcw(created, "pending");
    }

    [Test]
    public async Task Should_end_everyone_after_PATCH_conversation_state_disconnected()
    {
        var created = _s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        using var response = await _s.Api.SendAsync(HttpMethod.Patch, $"api/v2/conversations/messages/{created.ConversationId}", new { state = "disconnected" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _s.Sim.Control.WaitUntilAsync(created.ConversationId, c => c.Ended, cts.Token);
    }

    [Test]
    public async Task Should_end_everyone_after_DELETE_conversation()
    {
        var created = _s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        using var response = await _s.Api.SendAsync(HttpMethod.Delete, $"api/v2/conversations/{created.ConversationId}");

        Assert.That(response.IsSuccessStatusCode, Is.True);
        await WaitForAgentAcw(created, "pending");
    }

    [Test]
    public async Task Should_close_acw_with_a_system_code_when_the_recovery_disconnect_is_misused()
    {
        var created = _s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        using var response = await _s.Api.SendAsync(HttpMethod.Post, $"api/v2/conversations/{created.ConversationId}/disconnect");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var applied = _s.Sim.Control.ReadOracle().Wrapups.Single();
        Assert.That((applied.CodeId, applied.Via), Is.EqualTo((SeedData.WrapupTimeoutCodeId, "recoveryDisconnect")));
    }

    [Test]
    public async Task Should_answer_unknown_api_paths_with_a_genesys_404()
    {
        using var response = await _s.Api.SendAsync(HttpMethod.Get, "api/v2/nothing/here");
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("not.found"));
    }

    private async Task WaitForAgentAcw(CreatedConversation created, string acwState)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _s.Sim.Control.WaitUntilAsync(created.ConversationId,
            c => c.Participants.Single(p => p.ParticipantId == created.AgentParticipantId).AcwState == acwState, cts.Token);
    }
}
