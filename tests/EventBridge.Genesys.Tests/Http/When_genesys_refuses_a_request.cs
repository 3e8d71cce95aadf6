using System.Net;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Tests.Support;

namespace EventBridge.Genesys.Tests.Http;

public class When_genesys_refuses_a_request
{
    [TestCase(HttpStatusCode.BadRequest, "conversation.error.wrapup.code.required", GenesysErrorKind.Permanent)]
    [TestCase(HttpStatusCode.Forbidden, "not.authorized", GenesysErrorKind.Auth)]
    [TestCase(HttpStatusCode.NotFound, "not.found", GenesysErrorKind.NotFound)]
    [TestCase(HttpStatusCode.Conflict, "conflict", GenesysErrorKind.Conflict)]
    public void Should_not_retry_and_should_classify(HttpStatusCode status, string code, GenesysErrorKind kind)
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = _ => Task.FromResult(FakeGenesys.Error(status, code, "Refused by test", "ctx-42"));

        var error = Assert.ThrowsAsync<GenesysApiException>(() =>
            host.Client.ApplyWrapupByParticipantPatchAsync("c1", "p1", new() { Code = "code-1" }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(kind));
            Assert.That(error.StatusCode, Is.EqualTo(status));
            Assert.That(error.ErrorCode, Is.EqualTo(code));
            Assert.That(error.ContextId, Is.EqualTo("ctx-42"));
            Assert.That(error.Method, Is.EqualTo("PATCH"));
            Assert.That(error.Path, Is.EqualTo("/api/v2/conversations/messages/c1/participants/p1"));
            Assert.That(error.Message, Does.Contain(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .And.Contain(code).And.Contain("ctx-42").And.Contain("Refused by test").And.Contain("PATCH /api/v2/conversations/messages/c1/participants/p1"));
            Assert.That(error.Message, Does.Not.Contain("token-1"));
            Assert.That(host.Genesys.ApiRequests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Should_keep_a_short_piece_of_a_non_json_error()
    {
        using var host = new GenesysTestHost();
        host.Genesys.Api = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("<html>Bad gateway page</html>"),
        });

        var error = Assert.ThrowsAsync<GenesysApiException>(() => host.Client.GetConversationAsync("c1"));

        Assert.That(error!.Message, Does.Contain("<html>Bad gateway page</html>"));
    }
}
