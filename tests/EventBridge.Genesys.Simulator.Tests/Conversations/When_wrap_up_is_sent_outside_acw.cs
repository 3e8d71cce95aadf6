using System.Net;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Conversations;

// These tests are about the per-communication wrap-up call itself: the org allows it (the simulator's default refuses it).
public sealed class When_wrap_up_is_sent_outside_acw
{
    [Test]
    public async Task Should_refuse_it_with_409_by_default()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow });
        var created = s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        using var response = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("conversation.error.wrapup.not.allowed"));
        var oracle = s.Sim.Control.ReadOracle();
        Assert.That(oracle.Wrapups, Is.Empty);
        Assert.That(oracle.RefusedCalls.Single().Status, Is.EqualTo(409));
    }

    [Test]
    public async Task Should_accept_and_ignore_it_in_AcceptAndIgnore_mode()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, WrapupOutsideAcw = WrapupOutsideAcwBehaviour.AcceptAndIgnore });
        var created = s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        using var response = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var oracle = s.Sim.Control.ReadOracle();
        Assert.That(oracle.Wrapups, Is.Empty);
        Assert.That(oracle.IgnoredWrapups.Single().CodeId, Is.EqualTo(SeedData.ResolvedCodeId));
    }

    [Test]
    public async Task Should_refuse_a_second_wrap_up_after_acw_ended()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.Zero });
        var created = await s.ConversationInAcwAsync();
        using (var first = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId }))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var second = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.EscalatedCodeId });

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(s.Sim.Control.ReadOracle().Wrapups.Single().CodeId, Is.EqualTo(SeedData.ResolvedCodeId));
    }
}
