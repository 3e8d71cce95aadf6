using System.Text.Json;
using EventBridge.Conformance.Tests.Support;

namespace EventBridge.Conformance.Tests;

public sealed partial class When_the_official_js_sdk_drives_the_simulator
{
    [Test]
    public void Should_read_the_agent_in_after_call_work()
    {
        var generic = Step("getConversation").Summary.GetProperty("participants");
        var media = Step("getMessageConversation").Summary.GetProperty("participants");

        Assert.That(Values(generic, "purpose"), Is.EquivalentTo(new[] { "customer", "acd", "agent" }));
        var agent = generic.EnumerateArray().Single(p => p.GetProperty("purpose").GetString() == "agent");
        Assert.That(agent.GetProperty("id").GetString(), Is.EqualTo(_a.ParticipantId));
        Assert.That(agent.GetProperty("userId").GetString(), Is.EqualTo(_scene.Agent.Id));
        Assert.That(agent.GetProperty("queueId").GetString(), Is.EqualTo(_scene.Queue.Id));
        Assert.That(agent.GetProperty("wrapupRequired").GetBoolean(), Is.True);
        Assert.That(agent.GetProperty("startAcwTime").GetString(), Is.Not.Empty);
        var message = agent.GetProperty("messages").EnumerateArray().Single();
        Assert.That(Fields(message, "id", "state", "afterCallWorkState"),
            Is.EqualTo(new[] { _a.CommunicationId, "disconnected", "pending" }));
        var mediaAgent = media.EnumerateArray().Single(p => p.GetProperty("id").GetString() == _a.ParticipantId);
        Assert.That(Fields(mediaAgent, "purpose", "state", "userId", "queueId"),
            Is.EqualTo(new[] { "agent", "disconnected", _scene.Agent.Id, _scene.Queue.Id }));
    }

    [Test]
    public void Should_find_the_wrap_up_code_by_name_by_queue_and_by_participant()
    {
        var code = new[] { _scene.Code.Id, _scene.Code.Name };

        foreach (var step in new[] { "findWrapupCodeByName", "getQueueWrapupCodes", "getParticipantWrapupCodes" })
        {
            var codes = Step(step).Summary.GetProperty("codes").EnumerateArray().Select(c => Fields(c, "id", "name"));
            Assert.That(codes, Has.Some.EqualTo(code), step);
        }
    }

    [Test]
    public void Should_find_the_configured_queue_listed_and_by_id()
    {
        var queue = new[] { _scene.Queue.Id, _scene.Queue.Name };

        Assert.That(Step("getQueues").Summary.GetProperty("queues").EnumerateArray().Select(q => Fields(q, "id", "name")), Has.Some.EqualTo(queue));
        Assert.That(Fields(Step("getQueue").Summary, "id", "name"), Is.EqualTo(queue));
    }

    [Test]
    public void Should_apply_the_wrap_up_posted_by_the_sdk()
    {
        var sdkConversations = new[] { _a.ConversationId, _b.ConversationId };
        var applied = _oracle.Wrapups.Where(w => sdkConversations.Contains(w.ConversationId)).Select(w => (w.ConversationId, w.ParticipantId, w.CommunicationId, w.CodeId, w.Via, w.Notes));

        Assert.That(applied, Is.EquivalentTo(new[]
        {
            (_a.ConversationId, _a.ParticipantId, _a.CommunicationId, _scene.Code.Id, "communicationWrapup", (string?)ConformanceScene.Notes),
            (_b.ConversationId, _b.ParticipantId, _b.CommunicationId, _scene.Code.Id, "participantPatch", (string?)null),
        }));
        Assert.That(_oracle.IgnoredWrapups, Is.Empty);
    }

    /// <summary>
    /// Genesys is strict about these bodies (wrong shape → 400, an extra field on the PATCH → 403), so our client must
    /// send exactly what the official SDK sends. Property order does not matter; names, values and absent fields do.
    /// </summary>
    [Test]
    public void Should_send_the_same_bodies_as_the_csharp_client()
    {
        var requests = _oracle.Requests;

        var sdk = RequestLogBodies.Find(requests, _a, _b, Step("createChannel").Summary.GetProperty("id").GetString()!);
        var ours = RequestLogBodies.Find(requests, _c, _d, _clientChannel);

        AssertJsonEqual(ours.ParticipantPatch, sdk.ParticipantPatch, "PATCH participant {wrapup}");
        AssertJsonEqual(ours.CommunicationWrapup, sdk.CommunicationWrapup, "POST communication wrapup");
        AssertJsonEqual(ours.SubscriptionsPut, sdk.SubscriptionsPut, "PUT subscriptions");
    }

    private static void AssertJsonEqual(JsonElement ours, JsonElement sdk, string call) =>
        Assert.That(JsonElement.DeepEquals(ours, sdk), Is.True, $"{call}: C# client sent {ours}, the JS SDK sent {sdk}");

    private static string[] Fields(JsonElement element, params string[] properties) =>
        [.. properties.Select(p => element.GetProperty(p).GetString() ?? "")];
}
