using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Notifications;

/// <summary>
/// The permissions GET availabletopics declares are enforced on the client's roles, as Genesys does for a
/// client-credentials token whose role lacks them: the topic is Rejected and names what is missing.
/// </summary>
public sealed class When_the_client_lacks_topic_permissions
{
    [Test]
    public async Task Should_reject_every_conversation_topic_naming_the_missing_permission()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions
        {
            Clients = [new OAuthClientOptions { Permissions = ["routing:queue:view"] }],
        });
        var channel = await s.Api.CreateChannelAsync();
        var subscriptions = $"api/v2/notifications/channels/{channel.GetProperty("id").GetString()}/subscriptions";
        var topics = new[] { $"v2.routing.queues.{SeedData.DemoQueueId}.conversations", $"v2.users.{SeedData.AgentOneId}.conversations" };

        using var refused = await s.Api.SendAsync(HttpMethod.Put, subscriptions, topics.Select(t => new { id = t }));
        using var tolerated = await s.Api.SendAsync(HttpMethod.Put, subscriptions + "?ignoreErrors=true", topics.Select(t => new { id = t }));
        var entities = (await GenesysApi.ReadJsonAsync(tolerated)).GetProperty("entities").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(entities.Select(e => e.GetProperty("state").GetString()), Is.EqualTo(new[] { "Rejected", "Rejected" }));
            Assert.That(entities.Select(e => e.GetProperty("missingPermissions")[0].GetString()), Is.All.EqualTo("conversation:communication:view"));
        });
    }

    [Test]
    public async Task Should_permit_them_to_the_default_client()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions());
        var channel = await s.Api.CreateChannelAsync();
        var subscriptions = $"api/v2/notifications/channels/{channel.GetProperty("id").GetString()}/subscriptions";

        using var response = await s.Api.SendAsync(HttpMethod.Put, subscriptions, new[] { new { id = $"v2.users.{SeedData.AgentOneId}.conversations" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
