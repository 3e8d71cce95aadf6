using System.Net.Http.Headers;

namespace EventBridge.Genesys.Tests.Support;

internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization, string? Body, string? ContentType)
{
    public string PathAndQuery => Uri.PathAndQuery;
    public bool IsLogin => Uri.AbsolutePath == "/oauth/token";
}
