using System.Net;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>Each refusal reaches the caller as the <see cref="GenesysErrorKind"/> the worker decides on, and changes nothing.</summary>
// The org allows the per-communication wrap-up call here (the simulator's default refuses it): these tests are about the typed client, not the credentials.
public sealed class When_the_wrap_up_call_is_refused
{
    [TestCase(CommunicationWrapupCredentialsBehaviour.Reject401, HttpStatusCode.Unauthorized, 2,
        TestName = "Should_report_Auth_when_client_credentials_get_401_even_after_a_fresh_token")]
    [TestCase(CommunicationWrapupCredentialsBehaviour.Reject403, HttpStatusCode.Forbidden, 1,
        TestName = "Should_report_Auth_when_client_credentials_get_403")]
    public async Task Should_report_Auth(CommunicationWrapupCredentialsBehaviour refusal, HttpStatusCode status, int attempts)
    {
        await using var e2e = await ClientAndSimulator.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.Zero,
            CommunicationWrapupWithClientCredentials = refusal,
        });
        var c = await e2e.ConversationInAcwAsync();

        var error = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.ApplyCommunicationWrapupAsync(
            c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId, new() { Code = SeedData.ResolvedCodeId }))!;

        Assert.That((error.Kind, error.StatusCode), Is.EqualTo((GenesysErrorKind.Auth, status)));
        Assert.That(e2e.Control.ReadOracle().Wrapups, Is.Empty);
        // A 401 earns exactly one new login and one resend; a 403 is not about the token.
        Assert.That(e2e.Requests("POST", WrapupPath(c)), Has.Count.EqualTo(attempts));
        Assert.That(e2e.Logins(), Has.Count.EqualTo(attempts));
    }

    [Test]
    public async Task Should_report_Auth_when_the_participant_patch_is_forbidden()
    {
        await using var e2e = await ClientAndSimulator.StartAsync(new SimulatorOptions
        {
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
            DisconnectDelay = TimeSpan.Zero,
            ParticipantPatchWrapupWithClientCredentials = ParticipantPatchWrapupCredentialsBehaviour.Reject403,
        });
        var c = await e2e.ConversationInAcwAsync();

        var error = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.ApplyWrapupByParticipantPatchAsync(
            c.ConversationId, c.AgentParticipantId, new() { Code = SeedData.ResolvedCodeId }))!;

        Assert.That((error.Kind, error.StatusCode), Is.EqualTo((GenesysErrorKind.Auth, HttpStatusCode.Forbidden)));
        Assert.That(e2e.Control.ReadOracle().Wrapups, Is.Empty);
    }

    [Test]
    public async Task Should_report_Conflict_when_the_agent_is_not_in_acw_yet()
    {
        await using var e2e = await ClientAndSimulator.StartAsync(new SimulatorOptions
        {
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
            DisconnectDelay = TimeSpan.Zero,
            WrapupOutsideAcw = WrapupOutsideAcwBehaviour.Reject409,
        });
        var c = e2e.Control.CreateConversation(new CreateConversationRequest { Answer = true });

        var error = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.ApplyCommunicationWrapupAsync(
            c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId, new() { Code = SeedData.ResolvedCodeId }))!;

        Assert.That((error.Kind, error.StatusCode), Is.EqualTo((GenesysErrorKind.Conflict, HttpStatusCode.Conflict)));
        Assert.That(error.ErrorCode, Is.EqualTo("conversation.error.wrapup.not.allowed"));
        Assert.That(e2e.Control.ReadOracle().Wrapups, Is.Empty);
        Assert.That(e2e.Control.GetConversation(c.ConversationId).Participants.Single(p => p.ParticipantId == c.AgentParticipantId).State,
            Is.EqualTo("connected"));
    }

    [Test]
    public async Task Should_report_Permanent_for_an_unknown_code()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();
        var c = await e2e.ConversationInAcwAsync();

        var error = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.ApplyCommunicationWrapupAsync(
            c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId, new() { Code = Guid.NewGuid().ToString() }))!;

        Assert.That((error.Kind, error.StatusCode), Is.EqualTo((GenesysErrorKind.Permanent, HttpStatusCode.BadRequest)));
        Assert.That(e2e.Control.ReadOracle().Wrapups, Is.Empty);
        Assert.That(e2e.Requests("POST", WrapupPath(c)), Has.Count.EqualTo(1), "a 400 is never resent");
    }

    [Test]
    public async Task Should_report_NotFound_for_an_unknown_conversation()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();
        var missing = Guid.NewGuid().ToString();

        var error = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.ApplyCommunicationWrapupAsync(
            missing, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), new() { Code = SeedData.ResolvedCodeId }))!;
        var read = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.GetConversationAsync(missing))!;

        Assert.That((error.Kind, error.StatusCode), Is.EqualTo((GenesysErrorKind.NotFound, HttpStatusCode.NotFound)));
        Assert.That((read.Kind, read.ErrorCode), Is.EqualTo((GenesysErrorKind.NotFound, "conversation.error.conversation.not.found")));
        Assert.That(error.Message, Does.Contain(missing), "the error names the conversation so it can be found");
    }

    /// <summary>A 5xx on a write may come after its effect: the client must not resend it, the caller reads first.</summary>
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task Should_not_resend_a_wrap_up_that_got_a_5xx(int status)
    {
        await using var e2e = await ClientAndSimulator.StartAsync();
        var c = await e2e.ConversationInAcwAsync();
        e2e.Sim.Faults.AddBurst(new ErrorBurst(1, status, WrapupPath(c)));

        var error = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.ApplyCommunicationWrapupAsync(
            c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId, new() { Code = SeedData.ResolvedCodeId }))!;

        Assert.That((error.Kind, (int?)error.StatusCode), Is.EqualTo((GenesysErrorKind.Transient, (int?)status)));
        Assert.That(e2e.Requests("POST", WrapupPath(c)), Has.Count.EqualTo(1), "sent once: the worker re-reads before trying again");
    }

    [Test]
    public async Task Should_not_resend_a_wrap_up_whose_answer_was_lost_after_it_landed()
    {
        await using var e2e = await ClientAndSimulator.StartAsync();
        var c = await e2e.ConversationInAcwAsync();
        e2e.Sim.Faults.AddBurst(new ErrorBurst(1, 502, WrapupPath(c), AfterEffect: true));

        var error = Assert.ThrowsAsync<GenesysApiException>(() => e2e.Client.ApplyCommunicationWrapupAsync(
            c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId, new() { Code = SeedData.ResolvedCodeId }))!;

        var oracle = e2e.Control.ReadOracle();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(oracle.Wrapups.Single().CodeId, Is.EqualTo(SeedData.ResolvedCodeId), "the code landed although the answer said 502");
            Assert.That(oracle.WrapupCalls.Select(w => (w.Effect, w.Status)), Is.EqualTo(new[] { ("applied", 502) }), "one call, not resent");
            Assert.That(oracle.RepeatsFor(c.ConversationId, c.AgentParticipantId), Is.Zero);
        }
    }

    private static string WrapupPath(CreatedConversation c) =>
        ClientAndSimulator.WrapupPath(c.ConversationId, c.AgentParticipantId, c.AgentCommunicationId);
}
