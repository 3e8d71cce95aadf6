using System.Net;
using System.Text;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Auth;

public class When_logging_in
{
    [Test]
    public async Task Should_post_client_credentials_with_basic_auth_and_a_form_body()
    {
        using var host = new GenesysTestHost();

        await host.Client.GetConversationAsync("c1");

        var login = host.Genesys.LoginRequests.Single();
        var expectedBasic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"client-1:{GenesysTestHost.Secret}"));
        Assert.Multiple(() =>
        {
            Assert.That(login.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(login.Uri.AbsoluteUri, Is.EqualTo("http://genesys.test/oauth/token"));
            Assert.That(login.Authorization?.Scheme, Is.EqualTo("Basic"));
            Assert.That(login.Authorization?.Parameter, Is.EqualTo(expectedBasic));
            Assert.That(login.ContentType, Is.EqualTo("application/x-www-form-urlencoded"));
            Assert.That(login.Body, Is.EqualTo("grant_type=client_credentials"));
            Assert.That(host.Genesys.ApiRequests.Single().Authorization?.ToString(), Is.EqualTo("Bearer token-1"));
        });
    }

    [Test]
    public async Task Should_use_the_login_base_url_when_it_differs_from_the_api()
    {
        using var host = new GenesysTestHost(s => s["Genesys:LoginBaseUrl"] = "http://login.test/");

        await host.Client.GetConversationAsync("c1");

        Assert.That(host.Genesys.Requests.First().Uri.AbsoluteUri, Is.EqualTo("http://login.test/oauth/token"));
    }

    [Test]
    public async Task Should_reuse_the_cached_token()
    {
        using var host = new GenesysTestHost();

        await host.Client.GetConversationAsync("c1");
        await host.Client.GetConversationAsync("c2");
        host.Time.Advance(TimeSpan.FromMinutes(30));
        await host.Client.GetConversationAsync("c3");

        Assert.That(host.Genesys.LoginRequests, Has.Count.EqualTo(1));
        Assert.That(host.Genesys.ApiRequests.Select(r => r.Authorization?.Parameter), Is.All.EqualTo("token-1"));
    }
}
