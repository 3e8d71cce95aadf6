using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Conversations;

public sealed class When_client_credentials_may_not_wrap_up
{
    [TestCase(CommunicationWrapupCredentialsBehaviour.Reject401, HttpStatusCode.Unauthorized)]
    [TestCase(CommunicationWrapupCredentialsBehaviour.Reject403, HttpStatusCode.Forbidden)]
    public async Task Should_refuse_the_communication_wrapup(CommunicationWrapupCredentialsBehaviour mode, HttpStatusCode expected)
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.Zero, CommunicationWrapupWithClientCredentials = mode,
        });
        var created = await s.ConversationInAcwAsync();

        using var response = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        var oracle = s.Sim.Control.ReadOracle();
        Assert.That(oracle.Wrapups, Is.Empty);
        Assert.That(oracle.RefusedCalls.Single().Status, Is.EqualTo((int)expected));
    }

    [Test]
    public async Task Should_refuse_the_communication_wrapup_with_401_by_default_and_take_the_participant_patch()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.Zero });
        var created = await s.ConversationInAcwAsync();

        using var post = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });
        using var patch = await s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(created), new { wrapup = new { code = SeedData.ResolvedCodeId } });

        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "as the first user's org answers a client-credentials token");
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.Accepted).Or.EqualTo(HttpStatusCode.OK));
        Assert.That(s.Sim.Control.ReadOracle().Wrapups.Single().Via, Is.EqualTo("participantPatch"));
    }

    [Test]
    public async Task Should_refuse_the_participant_patch_with_403_yet_still_take_the_communication_wrapup()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.Zero, ParticipantPatchWrapupWithClientCredentials = ParticipantPatchWrapupCredentialsBehaviour.Reject403,
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
        });
        var created = await s.ConversationInAcwAsync();

        using var patch = await s.Api.SendAsync(HttpMethod.Patch, SimulatorSession.ParticipantPath(created), new { wrapup = new { code = SeedData.ResolvedCodeId } });
        using var post = await s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.ResolvedCodeId });

        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(s.Sim.Control.ReadOracle().Wrapups.Single().Via, Is.EqualTo("communicationWrapup"));
    }
}
