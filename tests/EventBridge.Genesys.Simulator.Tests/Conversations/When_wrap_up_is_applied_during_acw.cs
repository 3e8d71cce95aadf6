using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Conversations;

// These tests are about the per-communication wrap-up call itself: the org allows it (the simulator's default refuses it).
public sealed class When_wrap_up_is_applied_during_acw
{
    private SimulatorSession _s = null!;

    [SetUp]
    public async Task Start() => _s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow, DisconnectDelay = TimeSpan.Zero });

    [TearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [Test]
    public async Task Should_take_a_participant_patch_with_only_wrapup()
    {
        var created = await _s.ConversationInAcwAsync();

        using var response = await _s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(created),
            new { wrapup = new { code = SeedData.EscalatedCodeId } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var applied = _s.Sim.Control.ReadOracle().Wrapups.Single();
        Assert.That((applied.CodeId, applied.Via), Is.EqualTo((SeedData.EscalatedCodeId, "participantPatch")));
        Assert.That(_s.Sim.Control.GetConversation(created.ConversationId).Participants.Single(p => p.Purpose == "agent").AcwState,
            Is.EqualTo("complete"));
    }

    [Test]
    public async Task Should_treat_state_sent_with_wrapup_as_an_action_and_403_on_a_disconnected_agent()
    {
        var created = await _s.ConversationInAcwAsync();

        using var response = await _s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(created),
            new { state = "disconnected", wrapup = new { code = SeedData.EscalatedCodeId } });
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("conversation.error.forbidden.not.active.participant"));
        Assert.That(_s.Sim.Control.ReadOracle().Wrapups, Is.Empty);
    }

    [Test]
    public async Task Should_refuse_an_unknown_code_with_400()
    {
        var created = await _s.ConversationInAcwAsync();

        using var response = await _s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = Guid.NewGuid() });
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("bad.request"));
    }

    [Test]
    public async Task Should_refuse_a_code_not_assigned_to_the_queue_with_400()
    {
        var other = _s.Sim.Control.AddWrapupCode("Other_Queue_Only");
        var created = await _s.ConversationInAcwAsync();

        using var response = await _s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = other.Id });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(_s.Sim.Control.ReadOracle().Wrapups, Is.Empty);
    }

    [Test]
    public async Task Should_let_the_agent_skip_an_optional_wrap_up_but_not_a_mandatory_one()
    {
        var optional = await _s.ConversationInAcwAsync("optional");
        _s.Sim.Control.AgentSkipsWrapup(optional.ConversationId);
        Assert.That(_s.Sim.Control.GetConversation(optional.ConversationId).Participants.Single(p => p.Purpose == "agent").WrapupSkipped, Is.True);

        var mandatory = await _s.ConversationInAcwAsync("mandatory");
        using var response = await _s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(mandatory), new { wrapupSkipped = true });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Should_let_the_agent_apply_a_code_by_name_from_the_ui()
    {
        var created = await _s.ConversationInAcwAsync();

        _s.Sim.Control.AgentWrapsUp(created.ConversationId, "Resolved");

        var applied = _s.Sim.Control.ReadOracle().Wrapups.Single();
        Assert.That((applied.CodeId, applied.Via), Is.EqualTo((SeedData.ResolvedCodeId, "agent")));
    }
}
