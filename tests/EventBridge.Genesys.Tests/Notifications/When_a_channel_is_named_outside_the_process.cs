using System.Net;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Notifications;

/// <summary>A channel id opens the channel's socket: errors, logs and pages carry a tag that cannot be turned back.</summary>
public class When_a_channel_is_named_outside_the_process
{
    private const string ChannelId = "3f2a9c1e-7d4b-4e8a-9b1c-5a6d7e8f9012";

    [Test]
    public void Should_tag_the_id_short_and_stably()
    {
        var tag = ChannelTag.Of(ChannelId);

        Assert.That(tag, Does.Match("^ch-[0-9a-f]{8}$"));
        Assert.That(ChannelTag.Of(ChannelId), Is.EqualTo(tag), "the same channel keeps its tag across lines and pages");
        Assert.That(ChannelTag.Of("another-channel"), Is.Not.EqualTo(tag));
        Assert.That(ChannelTag.Of(null), Is.Null);
    }

    [Test]
    public void Should_keep_the_id_out_of_a_failed_calls_message_even_when_genesys_echoes_it()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = _ => Task.FromResult(FakeGenesys.Error(HttpStatusCode.NotFound, "not.found", $"Channel {ChannelId} was not found."));

        var error = Assert.ThrowsAsync<GenesysApiException>(() => host.Client.AddSubscriptionsAsync(ChannelId, ["v2.users.u1.conversations"]));

        Assert.That(error!.Message, Does.Not.Contain(ChannelId).And.Contain(ChannelTag.Of(ChannelId)));
        Assert.That(error.Path, Does.Not.Contain(ChannelId));
        Assert.That(error.ErrorBody!.Message, Does.Not.Contain(ChannelId));
        Assert.That(error.Kind, Is.EqualTo(GenesysErrorKind.NotFound));
    }
}
