namespace EventBridge.Genesys.Http;

/// <summary>Reads <c>Retry-After</c> (Genesys sends whole seconds on a 429; HTTP dates are accepted too).</summary>
internal static class RetryAfterReader
{
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
