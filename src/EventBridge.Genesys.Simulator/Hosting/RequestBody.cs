using System.Text.Json;
using EventBridge.Genesys.Simulator.Errors;
using Microsoft.AspNetCore.Http;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>Reads JSON bodies ourselves so a bad body gets a Genesys 400 rather than ASP.NET's empty one.</summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        var value = await ReadOptionalAsync<T>(request);
        return value ?? throw GenesysApiException.BadRequest("A request body is required.");
    }

    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength == 0)
            return null;
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return JsonSerializer.Deserialize<T>(text, SimulatorJson.Options);
    }
}
