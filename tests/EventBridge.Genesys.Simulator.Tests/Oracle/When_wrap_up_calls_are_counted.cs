using System.Net;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Oracle;

/// <summary>
/// The oracle must see a second wrap-up call however Genesys answers it: a 409, an ignored success, or a refusal
/// before the handler. Otherwise "duplicates: 0" in the reliability table would be true by construction.
/// </summary>
// These tests are about the per-communication wrap-up call itself: the org allows it (the simulator's default refuses it).
public sealed class When_wrap_up_calls_are_counted
{
    [Test]
    public async Task Should_record_every_call_and_count_those_after_the_applied_one_as_repeats()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.Zero });
        var created = await s.ConversationInAcwAsync();

        (await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId })).Dispose();
        using var again = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });
        using var patched = await s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(created),
            new { wrapup = new { code = SeedData.EscalatedCodeId } });

        var oracle = s.Sim.Control.ReadOracle();
        var calls = oracle.WrapupCalls;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "Genesys answers the second call 409");
            Assert.That(calls.Select(c => (c.Via, c.Effect, c.Status, c.CodeId)), Is.EqualTo(new[]
            {
                ("communicationWrapup", WrapupEffects.Applied, 204, SeedData.ResolvedCodeId),
                ("communicationWrapup", WrapupEffects.Refused, 409, SeedData.ResolvedCodeId),
                ("participantPatch", WrapupEffects.Refused, 409, SeedData.EscalatedCodeId),
            }));
            Assert.That(calls[1].Why, Does.Contain("not in after-call work"), "the refusal says why");
            Assert.That(oracle.Wrapups, Has.Count.EqualTo(1), "only one code took effect");
            Assert.That(oracle.RepeatsFor(created.ConversationId, created.AgentParticipantId), Is.EqualTo(2), "two calls after the applied one");
        }
    }

    [Test]
    public async Task Should_count_a_repeat_that_genesys_accepts_and_ignores()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.Zero, WrapupOutsideAcw = WrapupOutsideAcwBehaviour.AcceptAndIgnore,
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
        });
        var created = await s.ConversationInAcwAsync();

        (await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId })).Dispose();
        using var again = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });

        var oracle = s.Sim.Control.ReadOracle();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(oracle.WrapupCalls.Select(c => c.Effect), Is.EqualTo(new[] { WrapupEffects.Applied, WrapupEffects.Ignored }));
            Assert.That(oracle.RepeatsFor(created.ConversationId, created.AgentParticipantId), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_record_a_call_refused_before_the_handler_without_calling_it_a_repeat()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.Zero });
        var created = await s.ConversationInAcwAsync();
        s.Sim.Faults.AddBurst(new ErrorBurst(1, 503, "/api/v2/conversations/messages/"));

        using var refused = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });
        (await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId })).Dispose();

        var oracle = s.Sim.Control.ReadOracle();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(oracle.WrapupCalls.Select(c => (c.Effect, c.Status)), Is.EqualTo(new[] { (WrapupEffects.Refused, 503), (WrapupEffects.Applied, 204) }));
            Assert.That(oracle.RepeatsFor(created.ConversationId, created.AgentParticipantId), Is.Zero, "a retry before the first effect is not a repeat");
        }
    }

    [Test]
    public async Task Should_not_count_a_disconnect_patch_as_a_wrap_up_call()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow });
        var created = s.Sim.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        using var response = await s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(created), new { state = "disconnected" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(s.Sim.Control.ReadOracle().WrapupCalls, Is.Empty);
    }
}
