using Microsoft.AspNetCore.Http;

namespace EventBridge.Genesys.Simulator.Auth;

/// <summary>The token the API pipeline authenticated for this request.</summary>
internal static class ApiCaller
{
    private const string ItemKey = "sim.token";

    public static void Set(HttpContext context, IssuedToken token) => context.Items[ItemKey] = token;

    public static IssuedToken Get(HttpContext context) =>
        context.Items[ItemKey] as IssuedToken ?? throw new InvalidOperationException("API endpoint reached without authentication.");
}
