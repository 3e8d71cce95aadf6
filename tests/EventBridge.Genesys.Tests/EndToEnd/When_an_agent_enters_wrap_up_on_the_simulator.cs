using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.EndToEnd;

/// <summary>The whole path: login, channel, topic, socket, the ACW snapshot, and the wrap-up call with its ids.</summary>
public sealed class When_an_agent_enters_wrap_up_on_the_simulator
{
    private ClientAndSimulator _e2e = null!;
    private NotificationSocket _socket = null!;

    [SetUp]
    public async Task Start()
    {
        _e2e = await ClientAndSimulator.StartAsync();
        _socket = await _e2e.ListenToDemoQueueAsync();
    }

    [TearDown]
    public async Task Stop() => await _e2e.DisposeAsync();

    [Test]
    public async Task Should_apply_the_code_once_by_communication_wrapup()
    {
        var acw = await _e2e.DriveIntoAcwAsync(_socket);

        await _e2e.Client.ApplyCommunicationWrapupAsync(
            acw.ConversationId, acw.ParticipantId, acw.CommunicationId, new() { Code = SeedData.QaReviewCodeId });

        var wrapup = _e2e.Control.ReadOracle().Wrapups.Single();
        Assert.That((wrapup.ConversationId, wrapup.ParticipantId, wrapup.CommunicationId, wrapup.CodeId, wrapup.Via),
            Is.EqualTo((acw.ConversationId, acw.ParticipantId, acw.CommunicationId, SeedData.QaReviewCodeId, "communicationWrapup")));
        await AssertTheConversationShowsAsync(acw, SeedData.QaReviewCodeId);
    }

    [Test]
    public async Task Should_apply_the_code_once_by_participant_patch_with_only_the_wrapup()
    {
        var acw = await _e2e.DriveIntoAcwAsync(_socket);

        await _e2e.Client.ApplyWrapupByParticipantPatchAsync(acw.ConversationId, acw.ParticipantId, new() { Code = SeedData.EscalatedCodeId });

        var wrapup = _e2e.Control.ReadOracle().Wrapups.Single();
        Assert.That((wrapup.ParticipantId, wrapup.CodeId, wrapup.Via), Is.EqualTo((acw.ParticipantId, SeedData.EscalatedCodeId, "participantPatch")));
        var patch = _e2e.Requests("PATCH", ClientAndSimulator.ParticipantPath(acw.ConversationId, acw.ParticipantId)).Single();
        Assert.That(patch.Body?.GetRawText(), Is.EqualTo($$$"""{"wrapup":{"code":"{{{SeedData.EscalatedCodeId}}}"}}"""),
            "any other field in the PATCH is an action (state disconnects or 403s)");
        await AssertTheConversationShowsAsync(acw, SeedData.EscalatedCodeId);
    }

    [Test]
    public async Task Should_see_acw_complete_in_the_next_snapshot()
    {
        var acw = await _e2e.DriveIntoAcwAsync(_socket);
        var completed = _socket.Notifications.Next(e => e.ParseConversation()?.Participants?
            .Any(p => p.Id == acw.ParticipantId && p.Messages?.Any(m => m.AfterCallWork?.State == "complete") == true) == true);

        await _e2e.Client.ApplyCommunicationWrapupAsync(
            acw.ConversationId, acw.ParticipantId, acw.CommunicationId, new() { Code = SeedData.ResolvedCodeId });

        var agent = (await completed).ParseConversation()!.Participants!.Single(p => p.Id == acw.ParticipantId);
        Assert.That(agent.Wrapup?.Code, Is.EqualTo(SeedData.ResolvedCodeId));
    }

    private async Task AssertTheConversationShowsAsync(AgentInAcw acw, string codeId)
    {
        var conversation = await _e2e.Client.GetConversationAsync(acw.ConversationId);
        var agent = conversation.Participants!.Single(p => p.Id == acw.ParticipantId);
        Assert.That(agent.Wrapup?.Code, Is.EqualTo(codeId));
        Assert.That(agent.EndAcwTime, Is.Not.Null);
        Assert.That(agent.Messages!.Single(m => m.Id == acw.CommunicationId).AfterCallWork?.State, Is.EqualTo("complete"));
    }
}
