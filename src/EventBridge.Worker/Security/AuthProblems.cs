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
}
