using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.Dashboard;

public static class DashboardEndpoints
{
    /// <summary>
    /// Everything the page loads comes from this origin: no CDN, no inline script or style, no framing. Data comes from
    /// the API with the session cookie (connect-src 'self').
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// GET / → /dashboard/, and the embedded single-page dashboard under /dashboard/. The files carry no data, so they
    /// need no login; the page asks /auth/me and shows the login form on 401.
    /// </summary>
    public static IEndpointRouteBuilder MapEventBridgeDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/dashboard/")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/dashboard/{**path}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task ServeAsync(HttpContext context, string? path)
    {
        var response = context.Response;
        // Routing matches /dashboard with and without the slash; the page's relative links need it.
        if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
        {
            response.Redirect("/dashboard/");
            return;
        }

        response.Headers.CacheControl = "no-cache";
        response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
        if (!DashboardAssets.TryOpen(string.IsNullOrEmpty(path) ? "index.html" : path, out var content, out var contentType))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using (content)
        {
            response.ContentType = contentType;
            response.ContentLength = content.Length;
            await content.CopyToAsync(response.Body, context.RequestAborted);
        }
    }
}
