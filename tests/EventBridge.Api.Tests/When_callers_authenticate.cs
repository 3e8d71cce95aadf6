using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Api.Tests.Support;

namespace EventBridge.Api.Tests;

[TestFixture]
public sealed class When_callers_authenticate
{
    private ApiWorker _worker = null!;

    [OneTimeSetUp]
    public async Task Start() => _worker = await ApiWorker.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _worker.DisposeAsync();

    [Test]
    public async Task Should_answer_401_with_what_to_do_when_no_credentials_are_sent()
    {
        using var response = await _worker.Anonymous().GetAsync("/api/intents");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("API key").And.Contain("log in").IgnoreCase);
        });
    }

    [Test]
    public async Task Should_answer_401_naming_an_unknown_api_key_and_never_echo_it()
    {
        const string wrongKey = "not-a-key-anyone-was-given-0001";
        using var response = await _worker.WithApiKey(wrongKey).GetAsync("/api/intents");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body, Does.Contain("API key is not known"));
            Assert.That(body, Does.Not.Contain(wrongKey));
        });
    }

    [Test]
    public async Task Should_accept_the_key_as_a_bearer_token_too()
    {
        var client = _worker.Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiWorker.PublisherKey);
        var me = await client.GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("publisher"));
    }

    [Test]
    public async Task Should_refuse_a_wrong_password_and_not_set_a_session()
    {
        var client = _worker.Anonymous();
        using var login = await client.PostAsJsonAsync("/auth/login", new { username = "support", password = "support-guess" });
        using var after = await client.GetAsync("/auth/me");
        Assert.Multiple(async () =>
        {
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await login.Content.ReadAsStringAsync(), Does.Contain("Wrong user name or password"));
            Assert.That(login.Headers.Contains("Set-Cookie"), Is.False);
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Should_give_the_dashboard_an_http_only_strict_cookie_and_end_it_on_logout()
    {
        var client = _worker.Anonymous();
        using var login = await client.PostAsJsonAsync("/auth/login", new { username = "viewer", password = "viewer-demo" });
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        var me = await client.GetFromJsonAsync<JsonElement>("/auth/me");
        using var logout = await client.PostAsync("/auth/logout", null);
        using var afterLogout = await client.GetAsync("/auth/me");
        Assert.Multiple(() =>
        {
            Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
            Assert.That(cookie, Does.Not.Contain("viewer-demo"));
            Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("viewer"));
            Assert.That(me.GetProperty("role").GetString(), Is.EqualTo("viewer"));
            Assert.That(afterLogout.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Should_keep_the_cookie_keys_owner_only_next_to_the_store_and_not_in_the_home_directory()
    {
        await _worker.LoggedInAsync("viewer", "viewer-demo");

        var keys = Path.Combine(_worker.Folder, "keys");
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(keys, "key-*.xml"), Is.Not.Empty, "the key that signed the cookie");
            Assert.That(File.GetUnixFileMode(keys), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(Directory.GetFileSystemEntries(Path.Combine(_worker.Folder, "home")), Is.Empty, "ASP.NET's default is ~/.aspnet");
        });
    }

    [Test]
    public async Task Should_refuse_a_cookie_saved_before_logout()
    {
        var client = _worker.Anonymous();
        using var login = await client.PostAsJsonAsync("/auth/login", new { username = "viewer", password = "viewer-demo" });
        var saved = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        (await client.PostAsync("/auth/logout", null)).Dispose();

        using var replay = new HttpClient { BaseAddress = _worker.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("Cookie", saved);
        using var answer = await replay.SendAsync(request);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "logout ended the session in the worker, not only in the browser");
    }

    [TestCase("Sec-Fetch-Site", "cross-site")]
    [TestCase("Sec-Fetch-Site", "same-site")]
    [TestCase("Origin", "https://evil.example")]
    public async Task Should_refuse_a_state_change_sent_from_another_site(string header, string value)
    {
        var support = await _worker.LoggedInAsync("support", "support-demo");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dead-letters/1/discard");
        request.Headers.TryAddWithoutValidation(header, value);

        using var answer = await support.SendAsync(request);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain("another site"));
    }

    [Test]
    public async Task Should_take_a_state_change_from_its_own_pages()
    {
        var support = await _worker.LoggedInAsync("support", "support-demo");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dead-letters/999999/discard");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        request.Headers.TryAddWithoutValidation("Origin", _worker.BaseUrl.GetLeftPart(UriPartial.Authority));

        using var answer = await support.SendAsync(request);

        Assert.That(answer.StatusCode, Is.Not.EqualTo(HttpStatusCode.Forbidden), await answer.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Should_answer_403_saying_which_role_lacks_the_right()
    {
        var viewer = await _worker.LoggedInAsync("viewer", "viewer-demo");
        using var submit = await viewer.PostAsJsonAsync("/api/intents", new { conversationId = Guid.NewGuid().ToString(), wrapUpCode = "Resolved" });
        using var subscriptions = await _worker.WithApiKey(ApiWorker.PublisherKey).GetAsync("/api/subscriptions");
        Assert.Multiple(async () =>
        {
            Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await submit.Content.ReadAsStringAsync(), Does.Contain("role 'viewer'"));
            Assert.That(subscriptions.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await subscriptions.Content.ReadAsStringAsync(), Does.Contain("role 'publisher'"));
        });
    }

    [Test]
    public async Task Should_never_write_a_password_or_key_to_the_log()
    {
        var client = _worker.Anonymous();
        (await client.PostAsJsonAsync("/auth/login", new { username = "support", password = "support-demo" })).Dispose();
        (await client.PostAsJsonAsync("/auth/login", new { username = "support", password = "a-wrong-secret-123" })).Dispose();
        (await _worker.WithApiKey(ApiWorker.PublisherKey).GetAsync("/auth/me")).Dispose();
        await Eventually.TrueAsync(() => _worker.Output().Contains("Failed dashboard login", StringComparison.Ordinal), TimeSpan.FromSeconds(10),
            "the failed login is logged");
        var log = _worker.Output();
        Assert.Multiple(() =>
        {
            Assert.That(log, Does.Not.Contain("support-demo"));
            Assert.That(log, Does.Not.Contain("a-wrong-secret-123"));
            Assert.That(log, Does.Not.Contain(ApiWorker.PublisherKey));
        });
    }

    [Test]
    public async Task Should_log_an_unknown_user_name_only_by_its_length()
    {
        // A password typed into the user field, and a name built to forge a second log line.
        const string typedIntoTheUserField = "Tr0ub4dor&3-secret";
        const string forging = "x\r\n15:00:00 INF User support logged in";
        var client = _worker.Anonymous();
        (await client.PostAsJsonAsync("/auth/login", new { username = typedIntoTheUserField, password = "p" })).Dispose();
        (await client.PostAsJsonAsync("/auth/login", new { username = forging, password = "p" })).Dispose();
        await Eventually.TrueAsync(() => _worker.Output().Contains($"unknown user name of {typedIntoTheUserField.Length} characters", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the failed login is logged by length");
        var log = _worker.Output();
        Assert.Multiple(() =>
        {
            Assert.That(log, Does.Not.Contain(typedIntoTheUserField));
            Assert.That(log, Does.Not.Contain("INF User support logged in"), "no forged line");
        });
    }
}
