using System.Net;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Auth;

public sealed class When_several_oauth_clients_are_configured
{
    [Test]
    public async Task Should_log_each_in_and_keep_their_channels_apart()
    {
        await using var sim = await GenesysSimulator.StartAsync(new SimulatorOptions
        {
            Clients = [new OAuthClientOptions { ClientId = "a", ClientSecret = "sa" }, new OAuthClientOptions { ClientId = "b", ClientSecret = "sb" }],
        });
        using var a = await Login(sim, "a", "sa");
        using var b = await Login(sim, "b", "sb");
        var channel = await a.CreateChannelAsync();

        using var foreign = await b.SendAsync(HttpMethod.Head, $"api/v2/notifications/channels/{channel.GetProperty("id").GetString()}");
        var listed = await b.GetJsonAsync("api/v2/notifications/channels?includechannels=oauthclient");

        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(listed.GetProperty("entities").GetArrayLength(), Is.Zero);
        using var demo = new GenesysApi(sim.BaseUri);
        using var refused = await demo.RequestTokenAsync(OAuthClientOptions.DemoClientId, OAuthClientOptions.DemoClientSecret);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "configured clients replace the demo client");
    }

    [Test]
    public void Should_refuse_to_start_with_options_out_of_range()
    {
        Assert.ThrowsAsync<System.ComponentModel.DataAnnotations.ValidationException>(async () =>
            await GenesysSimulator.StartAsync(new SimulatorOptions { RateLimitPerMinute = -1 }));
    }

    private static async Task<GenesysApi> Login(GenesysSimulator sim, string id, string secret)
    {
        var api = new GenesysApi(sim.BaseUri);
        using var response = await api.RequestTokenAsync(id, secret);
        api.Token = (await GenesysApi.ReadJsonAsync(response)).GetProperty("access_token").GetString();
        return api;
    }
}
