using System.Globalization;
using System.Net;

namespace EventBridge.Genesys.Http;

/// <summary>
/// Feeds every response's <c>inin-ratelimit-count/allowed/reset</c> and every 429 into the shared budget, so the
/// budget slows down before Genesys starts refusing. Sits inside the retry pipeline so each attempt is observed.
/// </summary>
internal sealed class RateLimitHeadersHandler(GenesysRequestBudget budget, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var count = ReadInt(response, "inin-ratelimit-count");
        var allowed = ReadInt(response, "inin-ratelimit-allowed");
        var reset = ReadInt(response, "inin-ratelimit-reset");
        if (count is not null || allowed is not null || reset is not null)
            budget.ObserveServerLimits(count, allowed, reset);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            budget.ObserveThrottled(RetryAfterReader.Read(response, time));
        return response;
    }

    private static int? ReadInt(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
