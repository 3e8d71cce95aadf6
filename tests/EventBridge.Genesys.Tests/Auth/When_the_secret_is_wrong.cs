using System.Net;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Auth;

public class When_the_secret_is_wrong
{
    [Test]
    public void Should_throw_a_clear_auth_error_without_the_secret()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Login = _ => Task.FromResult(FakeGenesys.Json(HttpStatusCode.Unauthorized,
            """{"error":"invalid_client","description":"client not found","error_description":"client not found"}"""));

        var error = Assert.ThrowsAsync<GenesysApiException>(() => host.Client.GetConversationAsync("c1"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(GenesysErrorKind.Auth));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error.ErrorCode, Is.EqualTo("invalid_client"));
            Assert.That(error.Message, Does.Contain("invalid_client").And.Contain("client not found").And.Contain("client-1"));
            Assert.That(error.Message, Does.Contain("/oauth/token"));
            Assert.That(error.ToString(), Does.Not.Contain(GenesysTestHost.Secret));
            Assert.That(host.Genesys.ApiRequests, Is.Empty);
            Assert.That(host.Genesys.LoginRequests, Has.Count.EqualTo(1), "a refused login is not retried");
        });
    }
}
