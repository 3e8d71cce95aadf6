using EventBridge.Conformance.Tests.Support;

namespace EventBridge.Conformance.Tests;

public sealed partial class When_the_official_js_sdk_drives_the_simulator
{
    [Test]
    public void Should_open_a_channel_whose_connect_uri_points_at_the_simulator()
    {
        var channel = Step("createChannel").Summary;
        var id = channel.GetProperty("id").GetString();
        var baseUri = _scene.Simulator.BaseUri;

        Assert.That(id, Is.Not.Empty);
        Assert.That(channel.GetProperty("connectUri").GetString(), Is.EqualTo($"ws://{baseUri.Authority}/channels/{id}"));
        Assert.That(Step("headChannel").Status, Is.EqualTo(200));
        Assert.That(Values(Step("getChannels").Summary.GetProperty("ids")), Does.Contain(id));
    }

    [Test]
    public void Should_subscribe_to_every_topic_the_sdk_asked_for()
    {
        var put = _scene.PutTopics();
        var added = ConformanceScene.AcwTopic(_a);
        var channelId = Step("createChannel").Summary.GetProperty("id").GetString();

        Assert.That(Values(Step("putSubscriptions").Summary.GetProperty("entities"), "id"), Is.EquivalentTo(put));
        Assert.That(Values(Step("postSubscriptions").Summary.GetProperty("entities"), "id"), Does.Contain(added));
        var listed = Step("getSubscriptions").Summary.GetProperty("entities");
        Assert.That(Values(listed, "id"), Is.EquivalentTo(put.Append(added)));
        Assert.That(Values(listed, "state"), Is.All.EqualTo("Permitted"));
        var simulated = _scene.Simulator.Control.Channels().Single(c => c.Id == channelId);
        Assert.That(simulated.Topics, Is.EquivalentTo(put.Append(added)));
    }

    [Test]
    public void Should_list_the_available_conversation_topics()
    {
        var ids = Values(Step("getAvailableTopics").Summary.GetProperty("ids"));

        Assert.That(ids, Does.Contain("v2.routing.queues.{id}.conversations"));
        Assert.That(ids, Does.Contain("v2.users.{id}.conversations"));
    }
}
