using System.Net;
using EventBridge.Genesys.Http;

namespace EventBridge.Genesys.Tests.Http;

public class Error_classification
{
    [TestCase(429, "too.many.requests.retry.after", GenesysErrorKind.Transient)]
    [TestCase(408, null, GenesysErrorKind.Transient)]
    [TestCase(500, "internal.server.error", GenesysErrorKind.Transient)]
    [TestCase(502, null, GenesysErrorKind.Transient)]
    [TestCase(503, "service.unavailable", GenesysErrorKind.Transient)]
    [TestCase(504, null, GenesysErrorKind.Transient)]
    [TestCase(null, null, GenesysErrorKind.Transient)]
    [TestCase(501, null, GenesysErrorKind.Permanent)]
    [TestCase(401, "authentication.required", GenesysErrorKind.Auth)]
    [TestCase(403, "not.authorized", GenesysErrorKind.Auth)]
    [TestCase(403, "missing.any.division.permissions", GenesysErrorKind.Auth)]
    [TestCase(403, "conversation.error.forbidden.not.active.participant", GenesysErrorKind.Conflict)]
    [TestCase(404, "not.found", GenesysErrorKind.NotFound)]
    [TestCase(404, "conversation.error.conversation.not.found", GenesysErrorKind.NotFound)]
    [TestCase(400, "conversation.error.conversation.not.found", GenesysErrorKind.NotFound)]
    [TestCase(409, "conflict", GenesysErrorKind.Conflict)]
    [TestCase(400, "bad.request", GenesysErrorKind.Permanent)]
    [TestCase(400, "conversation.error.wrapup.code.required", GenesysErrorKind.Permanent)]
    [TestCase(422, null, GenesysErrorKind.Permanent)]
    public void Should_map_status_and_code_to_a_kind(int? status, string? code, GenesysErrorKind expected) =>
        Assert.That(GenesysErrorClassifier.Classify(status, code), Is.EqualTo(expected));

    [TestCase("GET", 429, true)]
    [TestCase("POST", 429, true)]
    [TestCase("PATCH", 429, true)]
    [TestCase("POST", 502, false)]
    [TestCase("PATCH", 503, false)]
    [TestCase("POST", 504, false)]
    [TestCase("POST", 408, false)]
    [TestCase("GET", 500, true)]
    [TestCase("GET", 502, true)]
    [TestCase("PUT", 503, true)]
    [TestCase("DELETE", 504, true)]
    [TestCase("POST", 500, false)]
    [TestCase("PATCH", 500, false)]
    [TestCase("GET", 400, false)]
    [TestCase("GET", 401, false)]
    [TestCase("GET", 403, false)]
    [TestCase("GET", 404, false)]
    [TestCase("GET", 409, false)]
    public void Should_resend_writes_only_on_429_and_reads_on_every_transient_status(string method, int status, bool expected) =>
        Assert.That(GenesysErrorClassifier.ShouldRetry(new HttpMethod(method), (HttpStatusCode)status), Is.EqualTo(expected));
}
