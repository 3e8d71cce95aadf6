using System.ComponentModel.DataAnnotations;

namespace EventBridge.Genesys;

/// <summary>
/// Settings of the configuration section <c>Genesys</c>. Defaults are stated on each property and in the README.
/// </summary>
public sealed class GenesysOptions : IValidatableObject
{
    public const string SectionName = "Genesys";

    /// <summary>Genesys Cloud domain, e.g. <c>mypurecloud.com</c>; API is <c>api.{Region}</c>, login <c>login.{Region}</c>.</summary>
    public string Region { get; set; } = "mypurecloud.com";

    /// <summary>Overrides <c>https://api.{Region}</c> (the simulator serves API and login on one base URL).</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Overrides <c>https://login.{Region}</c>; when absent but <see cref="ApiBaseUrl"/> is set, that is used.</summary>
    public Uri? LoginBaseUrl { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = "";

    [Required(AllowEmptyStrings = false)]
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// Client-side budget per OAuth client. Genesys allows 300/min per client-credentials token; 240 leaves room
    /// for the token bucket's burst (a sixth of this) and for other tools sharing the OAuth client.
    /// </summary>
    [Range(1, 3000)]
    public int RequestsPerMinute { get; set; } = 240;

    /// <summary>
    /// Who shares <see cref="RequestsPerMinute"/>. <c>Shared</c> (the default): every replica on the same PostgreSQL
    /// store and OAuth client draws on one budget there. Genesys counts per token and each replica holds its own, but
    /// counting per client is the safe reading: it never exceeds what one token may spend, and other tools on the
    /// client keep their share. With the SQLite store there is one process, so both scopes are the same.
    /// <c>Process</c>: each replica spends the whole budget itself (only for clients with a raised limit).
    /// </summary>
    public RequestBudgetScope BudgetScope { get; set; } = RequestBudgetScope.Shared;

    /// <summary>
    /// Refresh the token this long before it expires, but never earlier than 10 % of its lifetime before expiry
    /// (the smaller margin wins), so 2-second simulator tokens and 24-hour production tokens both work.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TokenRefreshBefore { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one HTTP attempt (each retry gets its own). Genesys answers in well under a second.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bound of one call from its first attempt on: attempts, backoff and <c>Retry-After</c> waits together. A retry
    /// whose wait plus one more <see cref="RequestTimeout"/> would pass it is not made; the caller gets the last
    /// answer (e.g. a 429 with its <c>Retry-After</c>) and its own retry decides. Kept below the host's 30 s shutdown
    /// and the consumers' retry budget, so no call outlives either. A retry's wait for a request permit is counted (a
    /// permit too late for one more attempt is not taken); the first attempt's is not: it spends nothing at Genesys and
    /// ends with the caller's cancellation.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Retries after the first attempt, within <see cref="CallTimeout"/>: 429 for every call; 408/5xx, attempt timeouts
    /// and network errors only for idempotent ones (the rule is <see cref="Http.GenesysErrorClassifier.ShouldRetry"/>).
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest <c>Retry-After</c> honoured on a 429; a longer one is capped to this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public Uri ResolveApiBaseUrl() => WithTrailingSlash(ApiBaseUrl ?? new Uri($"https://api.{Region}/"));

    public Uri ResolveLoginBaseUrl() => WithTrailingSlash(LoginBaseUrl ?? ApiBaseUrl ?? new Uri($"https://login.{Region}/"));

    // Relative request paths are resolved against the base; without the slash a path prefix would be dropped.
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // An unknown domain is most likely a typo that would only fail at the first login; new regions can still be
        // reached through ApiBaseUrl/LoginBaseUrl.
        if (ApiBaseUrl is null && !GenesysRegions.IsKnown(Region))
        {
            yield return new ValidationResult(
                $"Genesys:Region '{Region}' is not a known Genesys Cloud domain ({string.Join(", ", GenesysRegions.Domains)}); " +
                "set Genesys:ApiBaseUrl and Genesys:LoginBaseUrl for other hosts.",
                [nameof(Region)]);
        }

        if (RequestTimeout > CallTimeout)
        {
            yield return new ValidationResult(
                $"Genesys:RequestTimeout ({RequestTimeout}) must not exceed Genesys:CallTimeout ({CallTimeout}): one attempt would outlast the whole call.",
                [nameof(RequestTimeout), nameof(CallTimeout)]);
        }

        foreach (var (name, url) in new[] { (nameof(ApiBaseUrl), ApiBaseUrl), (nameof(LoginBaseUrl), LoginBaseUrl) })
        {
            if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
                yield return new ValidationResult($"Genesys:{name} must be an absolute http(s) URL.", [name]);
        }
    }

    // Options objects end up in logs and debugger views; the secret must not.
    public override string ToString() =>
        $"Genesys {{ Region = {Region}, ApiBaseUrl = {ApiBaseUrl}, LoginBaseUrl = {LoginBaseUrl}, ClientId = {ClientId}, " +
        $"ClientSecret = {(string.IsNullOrEmpty(ClientSecret) ? "(empty)" : "***")}, RequestsPerMinute = {RequestsPerMinute}, BudgetScope = {BudgetScope}, " +
        $"MaxRetries = {MaxRetries}, RequestTimeout = {RequestTimeout}, CallTimeout = {CallTimeout} }}";
}

/// <summary>Who shares the request budget: this process, or every replica of the OAuth client (<see cref="GenesysOptions.BudgetScope"/>).</summary>
public enum RequestBudgetScope
{
    Process,
    Shared,
}
