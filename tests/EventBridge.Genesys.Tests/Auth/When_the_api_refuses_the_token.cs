using System.Net;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Auth;

public class When_the_api_refuses_the_token
{
    [Test]
    public async Task Should_log_in_again_and_retry_once()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = r => Task.FromResult(r.Authorization?.Parameter == "token-1"
            ? FakeGenesys.Error(HttpStatusCode.Unauthorized, "authentication.required", "No authentication bearer token specified")
            : FakeGenesys.Json(HttpStatusCode.OK, """{"id":"c1"}"""));

        var conversation = await host.Client.GetConversationAsync("c1");

        Assert.That(conversation.Id, Is.EqualTo("c1"));
        Assert.That(host.Genesys.LoginRequests, Has.Count.EqualTo(2));
        Assert.That(host.Genesys.ApiRequests.Select(r => r.Authorization?.Parameter), Is.EqualTo(new[] { "token-1", "token-2" }));
    }

    [Test]
    public void Should_report_an_auth_error_when_the_fresh_token_is_refused_too()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = _ => Task.FromResult(
            FakeGenesys.Error(HttpStatusCode.Unauthorized, "authentication.required", "Token revoked"));

        var error = Assert.ThrowsAsync<GenesysApiException>(() => host.Client.GetConversationAsync("c1"));

        Assert.That(error!.Kind, Is.EqualTo(GenesysErrorKind.Auth));
        Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(2));
        Assert.That(error.Message, Does.Not.Contain("token-"));
    }
}
