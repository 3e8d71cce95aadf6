using System.Security.Claims;

namespace EventBridge.Worker.Security;

/// <summary>401 and 403 as problem details that say what to do, never a redirect to a login page for API calls.</summary>
internal static class AuthProblems
{
    public static Task WriteUnauthorizedAsync(HttpContext context, string detail) =>
        Results.Problem(title: "Authentication required", detail: detail, statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(context);

    public static Task WriteForbiddenAsync(HttpContext context)
    {
        var role = context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
        return Results.Problem(title: "Not allowed for this role",
                detail: $"{context.User.Identity?.Name} has role '{role}', which may not {context.Request.Method} {context.Request.Path}.",
                statusCode: StatusCodes.Status403Forbidden)
            .ExecuteAsync(context);
    }

    public static Task WriteCrossSiteAsync(HttpContext context) =>
        Results.Problem(title: "Refused: sent from another site",
                detail: "EventBridge takes state-changing requests only from its own pages or from programs; this one came from another site's page.",
                statusCode: StatusCodes.Status403Forbidden)
            .ExecuteAsync(context);

    /// <param name="limited">What hit the limit, in words: "this address" or "this user name".</param>
    public static Task WriteTooManyLoginsAsync(HttpContext context, TimeSpan retryAfter, string limited)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(title: "Too many login attempts",
                detail: $"Too many logins for {limited}; try again in {Math.Ceiling(retryAfter.TotalSeconds):0} s.",
                statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context);
    }

    /// <summary>The same 429 as an endpoint's result.</summary>
    public static IResult TooManyLogins(TimeSpan retryAfter, string limited) => new TooManyLoginsResult(retryAfter, limited);

    private sealed record TooManyLoginsResult(TimeSpan RetryAfter, string Limited) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteTooManyLoginsAsync(httpContext, RetryAfter, Limited);
    }
}
