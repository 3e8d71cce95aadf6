using System.Text.Json;
using EventBridge.Genesys.Models;

namespace EventBridge.Genesys.Tests.Models;

public class When_reading_genesys_payloads
{
    [Test]
    public void Should_read_the_generic_conversation_with_acw_state_and_communication_ids()
    {
        var conversation = JsonSerializer.Deserialize(Payloads.ConversationInAcw, GenesysJsonContext.Default.Conversation)!;

        var agent = conversation.Participants!.Single(p => p.Purpose == "agent");
        var message = agent.Messages!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(agent.Id, Is.EqualTo("agent-p"));
            Assert.That(agent.UserId, Is.EqualTo("user-1"));
            Assert.That(agent.QueueId, Is.EqualTo("queue-1"));
            Assert.That(agent.WrapupRequired, Is.True);
            Assert.That(agent.WrapupPrompt, Is.EqualTo("mandatory"));
            Assert.That(agent.WrapupTimeoutMs, Is.EqualTo(60000));
            Assert.That(agent.Wrapup, Is.Null);
            Assert.That(agent.StartAcwTime, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 8, 10, 0, TimeSpan.Zero)));
            Assert.That(agent.EndAcwTime, Is.Null);
            Assert.That(message.Id, Is.EqualTo("agent-m"));
            Assert.That(message.State, Is.EqualTo("disconnected"));
            Assert.That(message.AfterCallWork!.State, Is.EqualTo("pending"));
            Assert.That(message.AfterCallWorkRequired, Is.True);
        });
    }

    [Test]
    public void Should_read_the_media_specific_conversation_with_user_queue_and_wrapup()
    {
        var conversation = JsonSerializer.Deserialize(Payloads.MessageConversationWrappedUp, GenesysJsonContext.Default.MessageConversation)!;

        var agent = conversation.Participants!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(agent.User!.Id, Is.EqualTo("user-1"));
            Assert.That(agent.Queue!.Id, Is.EqualTo("queue-1"));
            Assert.That(agent.State, Is.EqualTo("disconnected"));
            Assert.That(agent.WrapupSkipped, Is.False);
            Assert.That(agent.Wrapup!.Code, Is.EqualTo("code-1"));
            Assert.That(agent.Wrapup.Name, Is.EqualTo("QA_Review"));
            Assert.That(agent.Wrapup.Tags, Is.EqualTo(new[] { "x" }));
            Assert.That(agent.Wrapup.DurationSeconds, Is.EqualTo(12));
            Assert.That(agent.EndAcwTime, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 8, 11, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void Should_read_the_envelope_and_its_acw_detail_event()
    {
        var envelope = JsonSerializer.Deserialize(Payloads.AcwDetailEventEnvelope, GenesysJsonContext.Default.NotificationEnvelope)!;
        var acw = envelope.ParseDetailEvent()!;

        Assert.Multiple(() =>
        {
            Assert.That(envelope.TopicName, Is.EqualTo("v2.detail.events.conversation.conv-1.acw"));
            Assert.That(envelope.Version, Is.EqualTo("2"));
            Assert.That(envelope.Metadata!.CorrelationId, Is.EqualTo("corr-1"));
            Assert.That(acw.ConversationId, Is.EqualTo("conv-1"));
            Assert.That(acw.ParticipantId, Is.EqualTo("agent-p"));
            Assert.That(acw.SessionId, Is.EqualTo("agent-m"));
            Assert.That(acw.MediaType, Is.EqualTo("MESSAGE"));
            Assert.That(acw.WrapupCode, Is.EqualTo("code-1"));
            Assert.That(acw.WrapupDurationMs, Is.EqualTo(12000));
            Assert.That(acw.EventTimestamp, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1767255060000)));
        });
    }

    [Test]
    public void Should_read_a_generic_topic_body_through_the_envelope()
    {
        var json = """{"topicName":"v2.routing.queues.queue-1.conversations","version":"2","eventBody":"""
            + Payloads.ConversationInAcw + ""","metadata":{"CorrelationId":"c"}}""";
        var envelope = JsonSerializer.Deserialize(json, GenesysJsonContext.Default.NotificationEnvelope)!;

        var agent = envelope.ParseConversation()!.Participants!.Single(p => p.Purpose == "agent");

        Assert.That(agent.Messages!.Single().AfterCallWork!.State, Is.EqualTo("pending"));
        Assert.That(envelope.ParseMessageConversation()!.Participants, Has.Count.EqualTo(2));
    }

    [Test]
    public void Should_read_a_full_error_body()
    {
        const string json = """
        {"message":"Wrap-up code required","code":"conversation.error.wrapup.code.required","status":400,
         "messageWithParams":"Wrap-up code {code} required","messageParams":{"code":"x"},"contextId":"ctx-1",
         "details":[{"errorCode":"e","fieldName":"wrapup.code","entityId":"id","entityName":"n"}],
         "errors":[{"message":"inner","code":"bad.request","status":400}]}
        """;

        var error = JsonSerializer.Deserialize(json, GenesysJsonContext.Default.ErrorBody)!;

        Assert.That(error.Code, Is.EqualTo("conversation.error.wrapup.code.required"));
        Assert.That(error.MessageParams!["code"], Is.EqualTo("x"));
        Assert.That(error.Details!.Single().FieldName, Is.EqualTo("wrapup.code"));
        Assert.That(error.Errors!.Single().Code, Is.EqualTo("bad.request"));
    }
}
