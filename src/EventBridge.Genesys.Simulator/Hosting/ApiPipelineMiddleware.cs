using System.Text;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Auth;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Genesys.Simulator.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>
/// What every Genesys API call goes through: request log, injected latency and error bursts, bearer auth, the
/// per-token rate limit with its headers, and recording of refusals for the oracle.
/// </summary>
internal sealed class ApiPipelineMiddleware(
    RequestDelegate next,
    TokenStore tokens,
    TokenRateLimiter limiter,
    FaultInjector faults,
    SimulatorOracle oracle,
    TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var isApi = path.StartsWith("/api/v2/", StringComparison.OrdinalIgnoreCase);
        if (!isApi && !path.StartsWith("/oauth/", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var arrivedAt = time.GetUtcNow();
        var body = await ReadJsonBodyAsync(context.Request);
        try
        {
            await HandleAsync(context, path, isApi, body);
        }
        catch (GenesysApiException error) when (!context.Response.HasStarted)
        {
            await ErrorResponses.WriteAsync(context, error);
        }
        finally
        {
            Record(context, path, body, arrivedAt);
        }
    }

    private async Task HandleAsync(HttpContext context, string path, bool isApi, JsonElement? body)
    {
        var latency = faults.Notifications.ApiLatency;
        if (latency > TimeSpan.Zero)
            await Task.Delay(latency, time, context.RequestAborted);

        var burst = faults.TakeBurst(path);
        if (burst is { AfterEffect: false })
            throw Burst(context, burst.Status);

        if (isApi)
        {
            var token = tokens.Authenticate(context.Request.Headers.Authorization.ToString());
            ApiCaller.Set(context, token);
            var rate = limiter.Count(token.Value);
            if (rate.Allowed > 0)
            {
                context.Response.Headers["inin-ratelimit-count"] = rate.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["inin-ratelimit-allowed"] = rate.Allowed.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["inin-ratelimit-reset"] = rate.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (rate.Exceeded)
            {
                context.Response.Headers.RetryAfter = rate.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new GenesysApiException(429, "too.many.requests.retry.after",
                    $"Rate limit exceeded the maximum of {rate.Allowed} requests per minute for this token. Retry after {rate.ResetSeconds} seconds.");
            }
        }

        if (IsWrapUpCall(context.Request, path, body) && faults.TakeHold() is { } hold)
        {
            try
            {
                await Task.Delay(hold, time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                faults.ReleaseHeld(abandoned: true);
                return; // the client is gone: Genesys never handled it
            }

            faults.ReleaseHeld(abandoned: false);
        }

        if (burst is { AfterEffect: true })
        {
            await HandleAndLoseTheAnswerAsync(context);
            throw Burst(context, burst.Status);
        }

        await next(context);
    }

    // The two wrap-up calls: POST .../communications/{id}/wrapup, and a PATCH .../participants/{id} carrying a wrap-up
    // (a disconnect is a PATCH too, without one).
    private static bool IsWrapUpCall(HttpRequest request, string path, JsonElement? body) =>
        (HttpMethods.IsPost(request.Method) && path.EndsWith("/wrapup", StringComparison.OrdinalIgnoreCase)) ||
        (HttpMethods.IsPatch(request.Method) && path.Contains("/participants/", StringComparison.OrdinalIgnoreCase) &&
         body is { ValueKind: JsonValueKind.Object } patch && patch.TryGetProperty("wrapup", out _));

    /// <summary>The handler runs (its effect is real); what it answered never reaches the client.</summary>
    private async Task HandleAndLoseTheAnswerAsync(HttpContext context)
    {
        var body = context.Response.Body;
        await using var lost = new MemoryStream();
        context.Response.Body = lost;
        try
        {
            await next(context);
        }
        catch (GenesysApiException)
        {
            // Refused: no effect, and the client gets the injected status all the same.
        }
        finally
        {
            context.Response.Body = body;
        }
    }

    private static GenesysApiException Burst(HttpContext context, int status)
    {
        if (status == 429)
        {
            context.Response.Headers.RetryAfter = "1";
            return new GenesysApiException(429, "too.many.requests.retry.after", "Rate limit exceeded (injected fault). Retry after 1 seconds.");
        }

        var code = status switch
        {
            502 => "bad.gateway",
            503 => "service.unavailable",
            504 => "gateway.timeout",
            _ => "internal.server.error",
        };
        return new GenesysApiException(status, code, $"The server answered {status} (injected fault).");
    }

    private void Record(HttpContext context, string path, JsonElement? body, DateTimeOffset arrivedAt)
    {
        var now = time.GetUtcNow();
        var method = context.Request.Method;
        var status = context.Response.StatusCode;
        var authorization = context.Request.Headers.Authorization.ToString();
        var authKind = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "bearer"
            : authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? "basic" : "none";
        oracle.Record(new LoggedRequest(method, path, context.Request.QueryString.Value ?? "", body, authKind, status, now));
        if (status >= 400)
        {
            var error = context.Items[ErrorResponses.ItemKey] as ErrorBody;
            oracle.Record(new RefusedCall(method, path, status, error?.Code, error?.Message, now));
        }

        if (WrapupCallLog.Read(context, path, body, arrivedAt) is { } wrapupCall)
            oracle.Record(wrapupCall);
    }

    private static async Task<JsonElement?> ReadJsonBodyAsync(HttpRequest request)
    {
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            return null;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
