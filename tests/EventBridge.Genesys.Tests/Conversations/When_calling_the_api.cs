using System.Net;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Conversations;

public class When_calling_the_api
{
    private static readonly (string Name, Func<GenesysApiClient, Task> Call, string Method, string PathAndQuery, string? Body)[] Calls =
    [
        ("conversation", c => c.GetConversationAsync("c 1"), "GET", "/api/v2/conversations/c%201", null),
        ("message conversation", c => c.GetMessageConversationAsync("c1"), "GET", "/api/v2/conversations/messages/c1", null),
        ("wrap-up by PATCH", c => c.ApplyWrapupByParticipantPatchAsync("c1", "p1", new() { Code = "code-1" }),
            "PATCH", "/api/v2/conversations/messages/c1/participants/p1", """{"wrapup":{"code":"code-1"}}"""),
        ("wrap-up by POST", c => c.ApplyCommunicationWrapupAsync("c1", "p1", "m1", new() { Code = "code-1", DurationSeconds = 5 }),
            "POST", "/api/v2/conversations/messages/c1/participants/p1/communications/m1/wrapup", """{"code":"code-1","durationSeconds":5}"""),
        ("disconnect participant", c => c.DisconnectMessageParticipantAsync("c1", "p1"),
            "PATCH", "/api/v2/conversations/messages/c1/participants/p1", """{"state":"disconnected"}"""),
        ("disconnect conversation", c => c.DisconnectMessageConversationAsync("c1"),
            "PATCH", "/api/v2/conversations/messages/c1", """{"state":"disconnected"}"""),
        ("delete conversation", c => c.DeleteConversationAsync("c1"), "DELETE", "/api/v2/conversations/c1", null),
        ("wrap-up codes", c => c.GetWrapupCodesAsync("QA Review", 25, 2),
            "GET", "/api/v2/routing/wrapupcodes?pageSize=25&pageNumber=2&name=QA%20Review", null),
        ("queue wrap-up codes", c => c.GetQueueWrapupCodesAsync("q1"),
            "GET", "/api/v2/routing/queues/q1/wrapupcodes?pageSize=100&pageNumber=1", null),
        ("queue", c => c.GetQueueAsync("q 1"), "GET", "/api/v2/routing/queues/q%201", null),
        ("create channel", c => c.CreateChannelAsync(), "POST", "/api/v2/notifications/channels", null),
        ("list channels", c => c.GetChannelsAsync(), "GET", "/api/v2/notifications/channels", null),
        ("list the oauth client channels", c => c.GetChannelsAsync(ofWholeOAuthClient: true),
            "GET", "/api/v2/notifications/channels?includechannels=oauthclient", null),
        ("add subscriptions", c => c.AddSubscriptionsAsync("ch1", ["v2.users.u1.conversations", "v2.routing.queues.q1.conversations"]),
            "POST", "/api/v2/notifications/channels/ch1/subscriptions?ignoreErrors=true",
            """[{"id":"v2.users.u1.conversations"},{"id":"v2.routing.queues.q1.conversations"}]"""),
        ("replace subscriptions", c => c.ReplaceSubscriptionsAsync("ch1", ["t1"], ignoreErrors: false),
            "PUT", "/api/v2/notifications/channels/ch1/subscriptions", """[{"id":"t1"}]"""),
        ("list subscriptions", c => c.GetSubscriptionsAsync("ch1"), "GET", "/api/v2/notifications/channels/ch1/subscriptions", null),
        ("delete subscriptions", c => c.DeleteSubscriptionsAsync("ch1"), "DELETE", "/api/v2/notifications/channels/ch1/subscriptions", null),
        ("available topics", c => c.GetAvailableTopicsAsync(),
            "GET", "/api/v2/notifications/availabletopics?expand=requiresPermissions&expand=permissionDetails", null),
    ];

    private static IEnumerable<TestCaseData> CallCases() =>
        Calls.Select(c => new TestCaseData(c.Call, c.Method, c.PathAndQuery, c.Body).SetName($"Should_send_{c.Name.Replace(' ', '_').Replace('-', '_')}"));

    [TestCaseSource(nameof(CallCases))]
    public async Task Should_send_the_documented_request(Func<GenesysApiClient, Task> call, string method, string pathAndQuery, string? body)
    {
        using var host = new GenesysTestHost();

        await call(host.Client).Within();

        var request = host.Genesys.ApiRequests.Single();
        Assert.That(request.Method.Method, Is.EqualTo(method));
        Assert.That(request.PathAndQuery, Is.EqualTo(pathAndQuery));
        Assert.That(request.Body, Is.EqualTo(body));
        if (body is not null)
            Assert.That(request.ContentType, Is.EqualTo("application/json"));
    }

    [Test]
    public async Task Should_read_the_participant_wrapup_codes_as_a_bare_array()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = _ => Task.FromResult(FakeGenesys.Json(HttpStatusCode.OK, """[{"id":"code-1","name":"QA_Review"},{"id":"code-2","name":"Sale"}]"""));

        var codes = await host.Client.GetParticipantWrapupCodesAsync("c1", "p1");

        Assert.That(codes.Select(c => c.Name), Is.EqualTo(new[] { "QA_Review", "Sale" }));
        Assert.That(host.Genesys.ApiRequests.Single().PathAndQuery, Is.EqualTo("/api/v2/conversations/messages/c1/participants/p1/wrapupcodes"));
    }

    [Test]
    public async Task Should_find_a_wrapup_code_by_its_whole_name_across_pages()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = r => Task.FromResult(FakeGenesys.Json(HttpStatusCode.OK, r.PathAndQuery.Contains("pageNumber=1", StringComparison.Ordinal)
            ? """{"entities":[{"id":"code-9","name":"QA_Review_Old"}],"pageSize":100,"pageNumber":1,"pageCount":2,"total":2}"""
            : """{"entities":[{"id":"code-1","name":"qa_review"}],"pageSize":100,"pageNumber":2,"pageCount":2,"total":2}"""));

        var code = await host.Client.FindWrapupCodeByNameAsync("QA_Review");

        Assert.That(code?.Id, Is.EqualTo("code-1"));
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Should_report_whether_a_channel_is_alive()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = r => Task.FromResult(r.PathAndQuery.EndsWith("/alive", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK)
            : new HttpResponseMessage(HttpStatusCode.NotFound));

        Assert.That(await host.Client.ChannelExistsAsync("alive"), Is.True);
        Assert.That(await host.Client.ChannelExistsAsync("gone"), Is.False);
        Assert.That(host.Genesys.ApiRequests.Select(r => r.Method), Is.All.EqualTo(HttpMethod.Head));
    }

    [Test]
    public async Task Should_read_a_created_channel_and_rejected_topics()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = r => Task.FromResult(FakeGenesys.Json(HttpStatusCode.OK, r.Method == HttpMethod.Post && r.PathAndQuery.EndsWith("channels", StringComparison.Ordinal)
            ? """{"connectUri":"wss://streaming.mypurecloud.com/channels/ch1","id":"ch1","expires":"2026-01-02T09:00:00.000Z"}"""
            : """{"entities":[{"id":"t1","state":"Permitted"},{"id":"t2","state":"Rejected","rejectionReason":"missing permissions","missingPermissions":["conversation:message:view"]}]}"""));

        var channel = await host.Client.CreateChannelAsync();
        var topics = await host.Client.AddSubscriptionsAsync("ch1", ["t1", "t2"]);

        Assert.That(channel.ConnectUri, Is.EqualTo(new Uri("wss://streaming.mypurecloud.com/channels/ch1")));
        Assert.That(channel.Expires, Is.EqualTo(new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero)));
        Assert.That(topics.Entities!.Where(t => t.IsRejected).Select(t => t.Id), Is.EqualTo(new[] { "t2" }));
        Assert.That(topics.Entities![1].MissingPermissions, Is.EqualTo(new[] { "conversation:message:view" }));
    }
}
