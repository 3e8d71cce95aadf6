using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EventBridge.Genesys.Simulator.Errors;

/// <summary>Turns <see cref="GenesysApiException"/> and unreadable JSON into ErrorBody answers.</summary>
internal sealed class GenesysErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (GenesysApiException error) when (!context.Response.HasStarted)
        {
            await ErrorResponses.WriteAsync(context, error);
        }
        catch (JsonException error) when (!context.Response.HasStarted)
        {
            await ErrorResponses.WriteAsync(context, GenesysApiException.BadRequest($"The request body is not valid JSON: {error.Message}"));
        }
        catch (Exception error) when (error is BadHttpRequestException or ValidationException or ArgumentException && !context.Response.HasStarted)
        {
            // Control calls validate faults and options; a bad value is the caller's mistake, not a crash.
            await ErrorResponses.WriteAsync(context, GenesysApiException.BadRequest(error.Message));
        }
    }
}
