using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace EventBridge.Genesys.Tests.Support;

/// <summary>Plays both Genesys hosts: issues tokens token-1, token-2… and answers API calls through <see cref="Api"/>.</summary>
internal sealed class FakeGenesys : HttpMessageHandler
{
    private int _tokensIssued;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Login responder; the default issues a fresh token each time.</summary>
    public Func<RecordedRequest, Task<HttpResponseMessage>> Login { get; set; }

    /// <summary>API responder; the default answers 200 <c>{}</c>.</summary>
    public Func<RecordedRequest, Task<HttpResponseMessage>> Api { get; set; } = _ => Task.FromResult(Json(HttpStatusCode.OK, "{}"));

    public FakeGenesys() => Login = _ => Task.FromResult(IssueToken());

    public IReadOnlyList<RecordedRequest> LoginRequests => [.. Requests.Where(r => r.IsLogin)];

    public IReadOnlyList<RecordedRequest> ApiRequests => [.. Requests.Where(r => !r.IsLogin)];

    public HttpResponseMessage IssueToken()
    {
        var n = Interlocked.Increment(ref _tokensIssued);
        return Json(HttpStatusCode.OK,
            $$"""{"access_token":"token-{{n}}","token_type":"bearer","expires_in":{{TokenLifetimeSeconds}}}""");
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message, string contextId = "ctx-1") =>
        Json(status, $$"""{"message":"{{message}}","code":"{{code}}","status":{{(int)status}},"contextId":"{{contextId}}","details":[],"errors":[]}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method, request.RequestUri!, request.Headers.Authorization, body, request.Content?.Headers.ContentType?.MediaType);
        Requests.Enqueue(recorded);
        var response = recorded.IsLogin ? await Login(recorded).WaitAsync(cancellationToken) : await Api(recorded).WaitAsync(cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
