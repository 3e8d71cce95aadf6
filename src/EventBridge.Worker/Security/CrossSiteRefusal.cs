namespace EventBridge.Worker.Security;

/// <summary>
/// A state-changing request a browser sent from another site is refused (403), whatever credentials it carries. The
/// dashboard cookie is SameSite=Strict already; this is the second lock, for browsers or proxies that get SameSite
/// wrong, and it covers login too. Programs (curl, a gateway) send neither header and are not affected.
/// </summary>
public static class CrossSiteRefusal
{
    public static WebApplication UseCrossSiteRefusal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsUnsafe(context.Request.Method) && CameFromAnotherSite(context.Request))
            {
                await AuthProblems.WriteCrossSiteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    /// <summary><c>Sec-Fetch-Site</c> when the browser sends it (all current ones do), else <c>Origin</c> against the host.</summary>
    private static bool CameFromAnotherSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0) return fetchSite is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
               || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
