using System.Text;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace EventBridge.Genesys.Simulator.Auth;

/// <summary><c>POST /oauth/token</c> with the client-credentials grant, as on <c>login.&lt;domain&gt;</c>.</summary>
internal static class OAuthTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/oauth/token", IssueAsync);

    private static async Task<IResult> IssueAsync(HttpRequest request, TokenStore tokens, SimulatorOptions options)
    {
        var (clientId, secret) = ReadBasic(request.Headers.Authorization.ToString());
        var client = options.FindClient(clientId);
        if (client is null || client.ClientSecret != secret)
            throw new GenesysApiException(401, "bad.credentials", "client not found", oauthError: "invalid_client");

        var grant = await ReadGrantTypeAsync(request);
        if (grant != "client_credentials")
        {
            throw new GenesysApiException(400, "bad.request",
                $"grant_type '{grant}' is not supported; use client_credentials.", oauthError: "unsupported_grant_type");
        }

        var token = tokens.Issue(client.ClientId);
        return Results.Json(
            new { access_token = token.Value, token_type = "bearer", expires_in = options.TokenLifetimeSeconds },
            SimulatorJson.Options);
    }

    /// <summary>
    /// The JS SDK (axios) posts <c>grant_type=client_credentials</c> as a bare string, often without a form
    /// Content-Type, so the body is parsed as form data whatever the header says.
    /// </summary>
    private static async Task<string> ReadGrantTypeAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
            return (await request.ReadFormAsync())["grant_type"].ToString();
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return QueryHelpers.ParseQuery(body).GetValueOrDefault("grant_type").ToString();
    }

    private static (string? Id, string? Secret) ReadBasic(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return (null, null);
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (decoded, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
