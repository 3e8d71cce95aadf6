using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Conversations;

// These tests are about the per-communication wrap-up call itself: the org allows it (the simulator's default refuses it).
public sealed class When_a_conversation_is_transferred
{
    [Test]
    public async Task Should_disconnect_the_first_agent_into_its_own_acw_and_alert_the_second()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.FromMilliseconds(20) });
        var created = s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        var second = s.Sim.Control.Transfer(created.ConversationId, SeedData.AgentTwoId);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await s.Sim.Control.WaitUntilAsync(created.ConversationId,
            c => c.Participants.Single(p => p.ParticipantId == created.AgentParticipantId).AcwState == "pending", cts.Token);

        var status = s.Sim.Control.GetConversation(created.ConversationId);
        var first = status.Participants.Single(p => p.ParticipantId == created.AgentParticipantId);
        var next = status.Participants.Single(p => p.ParticipantId == second.ParticipantId);
        Assert.That(first.State, Is.EqualTo("disconnected"));
        Assert.That((next.UserId, next.State), Is.EqualTo((SeedData.AgentTwoId, "alerting")));

        var rest = await s.Api.GetJsonAsync($"api/v2/conversations/{created.ConversationId}");
        var firstRest = rest.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("id").GetString() == created.AgentParticipantId);
        Assert.That(firstRest.GetProperty("messages")[0].GetProperty("disconnectType").GetString(), Is.EqualTo("transfer"));

        using var response = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });
        Assert.That(s.Sim.Control.ReadOracle().Wrapups.Single().ParticipantId, Is.EqualTo(created.AgentParticipantId));
    }
}
