using System.Net;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Notifications;

public sealed class When_a_channel_is_subscribed
{
    private static readonly string Queue = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
    private static readonly string User = $"v2.users.{SeedData.AgentOneId}.conversations";
    private SimulatorSession _s = null!;
    private string _subscriptions = null!;

    [SetUp]
    public async Task Start()
    {
        _s = await SimulatorSession.StartAsync(new SimulatorOptions
        {
            ForbiddenTopics = [new ForbiddenTopicRule { Pattern = @"v2\.users\..*", MissingPermissions = ["conversation:communication:view"] }],
        });
        var channel = await _s.Api.CreateChannelAsync();
        _subscriptions = $"api/v2/notifications/channels/{channel.GetProperty("id").GetString()}/subscriptions";
    }

    [TearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [Test]
    public async Task Should_add_on_POST_and_replace_on_PUT()
    {
        await Send(HttpMethod.Put, [Queue]);
        var added = await Send(HttpMethod.Post, [Queue + ".messages"]);
        Assert.That(Ids(added), Is.EquivalentTo(new[] { Queue, Queue + ".messages" }));

        var replaced = await Send(HttpMethod.Put, [$"v2.detail.events.conversation.{Guid.NewGuid()}.acw"]);
        Assert.That(Ids(replaced), Has.Count.EqualTo(1));
        Assert.That(Ids(await _s.Api.GetJsonAsync(_subscriptions)), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_refuse_a_forbidden_or_unknown_topic_with_400_unless_errors_are_ignored()
    {
        using var refused = await _s.Api.SendAsync(HttpMethod.Put, _subscriptions, new[] { new { id = Queue }, new { id = User } });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Ids(await _s.Api.GetJsonAsync(_subscriptions)), Is.Empty);

        using var tolerated = await _s.Api.SendAsync(HttpMethod.Put, _subscriptions + "?ignoreErrors=true",
            new[] { new { id = Queue }, new { id = User }, new { id = "v2.no.such.topic" } });
        var body = await GenesysApi.ReadJsonAsync(tolerated);

        Assert.That(tolerated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var entities = body.GetProperty("entities").EnumerateArray().ToList();
        Assert.That(entities.Single(e => e.GetProperty("id").GetString() == Queue).GetProperty("state").GetString(), Is.EqualTo("Permitted"));
        var forbidden = entities.Single(e => e.GetProperty("id").GetString() == User);
        Assert.That(forbidden.GetProperty("state").GetString(), Is.EqualTo("Rejected"));
        Assert.That(forbidden.GetProperty("missingPermissions")[0].GetString(), Is.EqualTo("conversation:communication:view"));
        Assert.That(entities.Single(e => e.GetProperty("id").GetString() == "v2.no.such.topic").GetProperty("state").GetString(), Is.EqualTo("Rejected"));
        Assert.That(Ids(await _s.Api.GetJsonAsync(_subscriptions)), Is.EqualTo(new[] { Queue }));
    }

    [Test]
    public async Task Should_take_1000_topics_and_refuse_the_1001st_with_400()
    {
        var thousand = Enumerable.Range(0, 1000).Select(_ => $"v2.detail.events.conversation.{Guid.NewGuid()}.acw").ToArray();
        Assert.That(Ids(await Send(HttpMethod.Put, thousand)), Has.Count.EqualTo(1000));

        using var response = await _s.Api.SendAsync(HttpMethod.Post, _subscriptions, new[] { new { id = Queue } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Ids(await _s.Api.GetJsonAsync(_subscriptions)), Has.Count.EqualTo(1000));
    }

    [Test]
    public async Task Should_list_the_available_topics()
    {
        var topics = await _s.Api.GetJsonAsync("api/v2/notifications/availabletopics");

        Assert.That(Ids(topics), Does.Contain("v2.routing.queues.{id}.conversations"));
    }

    private async Task<JsonElement> Send(HttpMethod method, string[] topics)
    {
        using var response = await _s.Api.SendAsync(method, _subscriptions, topics.Select(t => new { id = t }).ToArray());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await GenesysApi.ReadJsonAsync(response);
    }

    private static List<string?> Ids(JsonElement listing) =>
        [.. listing.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("id").GetString())];
}
