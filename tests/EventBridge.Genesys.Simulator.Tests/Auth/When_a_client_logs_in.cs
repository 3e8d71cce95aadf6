using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Simulator.Tests.Auth;

public sealed class When_a_client_logs_in
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private GenesysSimulator _sim = null!;

    [SetUp]
    public async Task Start() => _sim = await GenesysSimulator.StartAsync(new SimulatorOptions { TokenLifetimeSeconds = 2 }, _time);

    [TearDown]
    public async Task Stop() => await _sim.DisposeAsync();

    [Test]
    public async Task Should_issue_a_bearer_token_with_its_lifetime()
    {
        using var api = new GenesysApi(_sim.BaseUri);
        using var response = await api.RequestTokenAsync(OAuthClientOptions.DemoClientId, OAuthClientOptions.DemoClientSecret);
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(2));
        Assert.That(body.GetProperty("access_token").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Should_refuse_a_wrong_secret_with_401_and_an_oauth_error_body()
    {
        using var api = new GenesysApi(_sim.BaseUri);
        using var response = await api.RequestTokenAsync(OAuthClientOptions.DemoClientId, "wrong");
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
        Assert.That(body.GetProperty("description").GetString(), Is.Not.Empty);
        Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo(401));
        Assert.That(body.GetProperty("code").GetString(), Is.Not.Empty);
        Assert.That(Guid.TryParse(body.GetProperty("contextId").GetString(), out _), Is.True);
    }

    [Test]
    public async Task Should_refuse_an_expired_token_with_401_bad_credentials()
    {
        using var api = await GenesysApi.LoginAsync(_sim.BaseUri);
        using (var fresh = await api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes"))
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        _time.Advance(TimeSpan.FromSeconds(3));
        using var expired = await api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
        var body = await GenesysApi.ReadJsonAsync(expired);

        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("bad.credentials"));
        Assert.That(body.GetProperty("details").GetArrayLength(), Is.Zero);
        Assert.That(body.GetProperty("errors").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Should_refuse_a_call_without_a_token_with_401_authentication_required()
    {
        using var api = new GenesysApi(_sim.BaseUri);
        using var response = await api.SendAsync(HttpMethod.Get, $"api/v2/routing/queues/{SeedData.DemoQueueId}/wrapupcodes");
        var body = await GenesysApi.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("authentication.required"));
    }
}
