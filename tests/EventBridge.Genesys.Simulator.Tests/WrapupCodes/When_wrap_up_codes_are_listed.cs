using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.WrapupCodes;

public sealed class When_wrap_up_codes_are_listed
{
    private SimulatorSession _s = null!;

    [SetUp]
    public async Task Start() => _s = await SimulatorSession.StartAsync(new SimulatorOptions());

    [TearDown]
    public async Task Stop() => await _s.DisposeAsync();

    [Test]
    public async Task Should_find_a_code_by_name()
    {
        var listing = await _s.Api.GetJsonAsync("api/v2/routing/wrapupcodes?name=QA_Review");

        var code = listing.GetProperty("entities").EnumerateArray().Single();
        Assert.That((code.GetProperty("id").GetString(), code.GetProperty("name").GetString()), Is.EqualTo((SeedData.QaReviewCodeId, "QA_Review")));
        Assert.That(listing.GetProperty("total").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Should_page_the_queue_codes()
    {
        var first = await _s.Api.GetJsonAsync($"api/v2/routing/queues/{SeedData.DemoQueueId}/wrapupcodes?pageSize=2&pageNumber=1");
        var second = await _s.Api.GetJsonAsync($"api/v2/routing/queues/{SeedData.DemoQueueId}/wrapupcodes?pageSize=2&pageNumber=2");

        Assert.That(first.GetProperty("entities").GetArrayLength(), Is.EqualTo(2));
        Assert.That(first.GetProperty("pageCount").GetInt32(), Is.EqualTo(2));
        Assert.That(first.GetProperty("nextUri").GetString(), Does.Contain("pageNumber=2"));
        Assert.That(second.GetProperty("entities").GetArrayLength(), Is.EqualTo(1));
        Assert.That(second.TryGetProperty("nextUri", out _), Is.False);
    }

    [Test]
    public async Task Should_answer_404_for_an_unknown_queue()
    {
        using var response = await _s.Api.SendAsync(HttpMethod.Get, $"api/v2/routing/queues/{Guid.NewGuid()}/wrapupcodes");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
