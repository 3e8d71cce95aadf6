using System.Text.Json;
using EventBridge.Conformance.Tests.Support;
using EventBridge.Genesys;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Conformance.Tests;

/// <summary>
/// The notification frames, checked against the SDK's event models: the JS SDK has no socket client, so the test
/// listens itself and judges each body by the model the SDK declares for its topic.
/// </summary>
public sealed partial class When_the_official_js_sdk_drives_the_simulator
{
    /// <summary>
    /// Topic → the SDK model of its event body. The SDK names them after the topic (Genesys's notification docs give
    /// the same schema names); channel.metadata (heartbeat, pong) has no model and is checked as <c>{"message"}</c>.
    /// </summary>
    private static readonly (string Prefix, string Suffix, string Model)[] EventModels =
    [
        ("v2.routing.queues.", ".conversations", "Models.QueueConversationEventTopicConversation"),
        ("v2.users.", ".conversations", "Models.ConversationEventTopicConversation"),
        ("v2.detail.events.conversation.", ".acw", "Models.AcwDetailEventTopicAfterCallWorkEvent"),
        ("v2.system.", "", "Models.SystemMessageSystemMessage"),
    ];

    private static readonly string[] EnvelopeFields = ["topicName", "version", "eventBody", "metadata"];

    [Test]
    public async Task Should_send_events_in_the_shapes_the_sdk_declares()
    {
        await using var services = CSharpClientCalls.ClientServices(_scene);
        var client = services.GetRequiredService<GenesysApiClient>();
        var control = _scene.Simulator.Control;
        var second = control.AddUser("Conformance Second Agent");
        var wrapped = control.CreateConversation(new CreateConversationRequest { QueueId = _scene.Queue.Id, AgentUserId = _scene.Agent.Id });
        var timedOut = control.CreateConversation(new CreateConversationRequest
        {
            QueueId = _scene.Queue.Id, AgentUserId = _scene.Agent.Id, WrapupPrompt = "timeout", WrapupTimeoutMs = 200,
        });
        var transferred = control.CreateConversation(new CreateConversationRequest { QueueId = _scene.Queue.Id, AgentUserId = _scene.Agent.Id });
        string[] topics =
        [
            .. _scene.PutTopics(), $"v2.users.{second.Id}.conversations",
            .. new[] { wrapped, timedOut, transferred }.Select(c => $"v2.detail.events.conversation.{c.ConversationId}.acw"),
        ];

        var channel = await client.CreateChannelAsync();
        await client.ReplaceSubscriptionsAsync(channel.Id!, topics);
        await using var events = await FrameRecorder.ConnectAsync(channel.ConnectUri!);
        control.AgentAnswers(wrapped.ConversationId);
        control.CustomerEnds(wrapped.ConversationId);
        control.AgentWrapsUp(wrapped.ConversationId, _scene.Code.Id, notes: ConformanceScene.Notes);
        control.AgentAnswers(timedOut.ConversationId);
        control.CustomerEnds(timedOut.ConversationId);
        control.AgentAnswers(transferred.ConversationId);
        var to = control.Transfer(transferred.ConversationId, second.Id);
        control.AgentAnswers(transferred.ConversationId, to.ParticipantId);
        control.CustomerEnds(transferred.ConversationId);
        control.AgentWrapsUp(transferred.ConversationId, _scene.Code.Id, to.ParticipantId);
        await events.UntilAsync(_ => control.ReadOracle().Wrapups.Any(w => w.ConversationId == timedOut.ConversationId));
        control.CloseSocketPlanned(channel.Id!);
        await events.UntilAsync(frames => frames.Any(f => FrameRecorder.Topic(f) == "v2.system.socket_closing"));
        var system = await SystemFramesAsync(client);

        var frames = events.Frames.Concat(system).ToList();
        Assert.That(frames.Select(FrameRecorder.Topic).Distinct(), Is.SupersetOf(topics.Append("v2.system.socket_closing")),
            "every subscribed topic sent at least one event");
        Assert.That(frames.SelectMany(ShapeProblems), Is.Empty);
    }

    [Test]
    public void Should_count_a_field_the_event_model_lacks_as_a_problem()
    {
        // wrapupSkipped is on the ACW detail topic's own model only, never on the generic participant (issue #10 item 6).
        using var frame = JsonDocument.Parse(
            """{"topicName":"v2.users.u1.conversations","version":"2","eventBody":{"id":"c1","participants":[{"id":"p1","wrapupSkipped":false}]}}""");

        Assert.That(ShapeProblems(frame.RootElement), Is.EqualTo(new[]
        {
            "v2.users.u1.conversations (Models.ConversationEventTopicConversation).participants[0].wrapupSkipped: " +
            "Models.ConversationEventTopicParticipant has no such field",
        }));
    }

    // token_revoked and no_longer_subscribed end their channel, so each gets a channel of its own.
    private async Task<IReadOnlyList<JsonElement>> SystemFramesAsync(GenesysApiClient client)
    {
        var frames = new List<JsonElement>();
        foreach (var (topic, end) in new (string, Func<string, bool>)[]
                 {
                     ("no_longer_subscribed", _scene.Simulator.Control.EndSubscriptions),
                     ("token_revoked", _scene.Simulator.Control.RevokeChannelToken),
                 })
        {
            var channel = await client.CreateChannelAsync();
            await client.ReplaceSubscriptionsAsync(channel.Id!, _scene.PutTopics());
            await using var socket = await FrameRecorder.ConnectAsync(channel.ConnectUri!);
            end(channel.Id!);
            await socket.UntilAsync(all => all.Any(f => FrameRecorder.Topic(f).StartsWith($"v2.system.{topic}.", StringComparison.Ordinal)));
            frames.AddRange(socket.Frames.Where(f => FrameRecorder.Topic(f).StartsWith("v2.system.", StringComparison.Ordinal)));
        }

        return frames;
    }

    private IEnumerable<string> ShapeProblems(JsonElement frame)
    {
        var topic = FrameRecorder.Topic(frame);
        foreach (var field in frame.EnumerateObject().Where(p => !EnvelopeFields.Contains(p.Name)))
            yield return $"{topic}: the envelope has {field.Name}, which Genesys's frames do not";
        if (!frame.TryGetProperty("eventBody", out var body))
        {
            yield return $"{topic}: no eventBody";
            yield break;
        }

        if (topic == "channel.metadata")
        {
            if (body.EnumerateObject().Select(p => p.Name).SingleOrDefault() != "message" || body.GetProperty("message").ValueKind != JsonValueKind.String)
                yield return $"{topic}: eventBody {body} is not {{\"message\": string}}";
            yield break;
        }

        var model = EventModels.FirstOrDefault(m => topic.StartsWith(m.Prefix, StringComparison.Ordinal) && topic.EndsWith(m.Suffix, StringComparison.Ordinal)).Model;
        if (model is null)
        {
            yield return $"{topic}: a topic EventBridge never subscribes to";
            yield break;
        }

        foreach (var problem in new SdkShape(_sdk).Problems(body, model, $"{topic} ({model})"))
            yield return problem;
    }
}
