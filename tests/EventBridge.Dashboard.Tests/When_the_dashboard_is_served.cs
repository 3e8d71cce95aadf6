using System.Net;

namespace EventBridge.Dashboard.Tests;

/// <summary>The static files: from the assembly, without login, never cached stale, under a strict CSP.</summary>
public sealed class When_the_dashboard_is_served
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private static Uri Url(string path) => new(DashboardSuite.Stack.WorkerUrl, path);

    [TestCase("/dashboard", "/dashboard/")]
    [TestCase("/", "/dashboard/")]
    public async Task Should_redirect_to_the_page_with_its_trailing_slash(string path, string location)
    {
        using var response = await Http.GetAsync(Url(path));

        Assert.That((int)response.StatusCode, Is.InRange(301, 308));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(location));
    }

    [TestCase("/dashboard/", "text/html")]
    [TestCase("/dashboard/index.html", "text/html")]
    [TestCase("/dashboard/js/app.js", "text/javascript")]
    [TestCase("/dashboard/css/dashboard.css", "text/css")]
    public async Task Should_serve_the_embedded_file_with_its_type_and_a_strict_policy(string path, string mediaType)
    {
        using var response = await Http.GetAsync(Url(path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.That(policy, Does.Contain("default-src 'self'").And.Contain("script-src 'self'").And.Not.Contain("unsafe"));
        Assert.That((await response.Content.ReadAsStringAsync()).Length, Is.GreaterThan(100));
    }

    [TestCase("/dashboard/nope.js")]
    [TestCase("/dashboard/../EventBridge.Worker.dll")]
    [TestCase("/dashboard/%2e%2e/appsettings.json")]
    public async Task Should_answer_404_for_anything_not_embedded(string path)
    {
        using var response = await Http.GetAsync(Url(path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Should_load_no_file_from_another_origin()
    {
        var html = await Http.GetStringAsync(Url("/dashboard/"));

        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain("//cdn"));
    }
}
