using System.Net;
using System.Net.Http.Headers;

namespace EventBridge.Genesys.Auth;

/// <summary>
/// Adds the bearer token to each API request. On a 401 (token revoked or expired early) it drops the token, logs in
/// again and resends once; a second 401 is returned to the caller as an Auth error.
/// </summary>
internal sealed class BearerTokenHandler(GenesysTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        response.Dispose();
        tokens.Invalidate(token);
        var fresh = await tokens.GetAccessTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken);
    }
}
