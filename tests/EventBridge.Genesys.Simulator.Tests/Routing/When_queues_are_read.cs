using System.Net;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Routing;

public sealed class When_queues_are_read
{
    [Test]
    public async Task Should_list_the_queues_and_read_one_with_its_acw_settings()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { DefaultAcw = new AcwDefaults { WrapupPrompt = "timeout", WrapupTimeoutMs = 30_000 } });
        var other = s.Sim.Control.AddQueue("Billing");

        var listing = await s.Api.GetJsonAsync("api/v2/routing/queues?pageSize=1&pageNumber=2");
        var queue = await s.Api.GetJsonAsync($"api/v2/routing/queues/{SeedData.DemoQueueId}");

        Assert.Multiple(() =>
        {
            Assert.That(listing.GetProperty("entities").EnumerateArray().Select(q => q.GetProperty("id").GetString()), Is.EqualTo(new[] { SeedData.DemoQueueId }),
                "sorted by name: Billing, then EventBridge Demo");
            Assert.That((listing.GetProperty("total").GetInt32(), listing.GetProperty("pageCount").GetInt32()), Is.EqualTo((2, 2)));
            Assert.That(listing.GetProperty("previousUri").GetString(), Does.Contain("pageNumber=1"));
            Assert.That(queue.GetProperty("name").GetString(), Is.EqualTo(SeedData.DemoQueueName));
            Assert.That(queue.GetProperty("acwSettings").GetProperty("wrapupPrompt").GetString(), Is.EqualTo("timeout"));
            Assert.That(queue.GetProperty("acwSettings").GetProperty("timeoutMs").GetInt32(), Is.EqualTo(30_000));
            Assert.That(other.Name, Is.EqualTo("Billing"));
        });
    }

    [Test]
    public async Task Should_answer_404_for_an_unknown_queue()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions());

        using var response = await s.Api.SendAsync(HttpMethod.Get, $"api/v2/routing/queues/{Guid.NewGuid()}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("api/v2/routing/queues/" + SeedData.DemoQueueId, "routing:queue:view")]
    [TestCase("api/v2/conversations/does-not-exist", "conversation:communication:view")]
    [TestCase("api/v2/conversations/messages/does-not-exist", "conversation:communication:view")]
    public async Task Should_refuse_a_read_the_client_role_does_not_grant_before_looking_anything_up(string path, string permission)
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { Clients = [new OAuthClientOptions { Permissions = [] }] });

        using var response = await s.Api.SendAsync(HttpMethod.Get, path);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "403, not 404: a refused client cannot tell which ids exist");
        Assert.That(body.RootElement.GetProperty("code").GetString(), Is.EqualTo("missing.permissions"));
        Assert.That(body.RootElement.GetProperty("message").GetString(), Does.Contain(permission));
    }
}
