using EventBridge.Genesys.Simulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace EventBridge.Genesys.Simulator.Errors;

/// <summary>Writes ErrorBody answers and remembers them on the request so the oracle can list the refusal.</summary>
internal static class ErrorResponses
{
    public const string ItemKey = "sim.error";

    public static ErrorBody Create(int status, string code, string message, string? oauthError = null) => new()
    {
        OAuthError = oauthError,
        Description = oauthError is null ? null : message,
        OAuthErrorDescription = oauthError is null ? null : message,
        Message = message,
        Code = code,
        Status = status,
        MessageWithParams = message,
        ContextId = Guid.NewGuid().ToString(),
    };

    public static async Task WriteAsync(HttpContext context, ErrorBody body)
    {
        context.Items[ItemKey] = body;
        context.Response.StatusCode = body.Status;
        await context.Response.WriteAsJsonAsync(body, SimulatorJson.Options);
    }

    public static Task WriteAsync(HttpContext context, GenesysApiException error) =>
        WriteAsync(context, Create(error.Status, error.Code, error.Message, error.OAuthError));
}
