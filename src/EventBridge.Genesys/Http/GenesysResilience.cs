using System.Net;
using EventBridge.Genesys.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace EventBridge.Genesys.Http;

/// <summary>
/// The Polly pipeline of every Genesys HttpClient: retry (outermost) → request budget → per-attempt timeout.
/// Retries wait for <c>Retry-After</c> on a 429 and use jittered exponential backoff otherwise; 400/401/403/404/409
/// are never resent here (401 is handled once by <see cref="BearerTokenHandler"/>).
/// </summary>
internal static class GenesysResilience
{
    public static IHttpClientBuilder AddGenesysResilience(this IHttpClientBuilder builder, string pipelineName, bool withBudget)
    {
        builder.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<GenesysOptions>>().Value;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var budget = context.ServiceProvider.GetRequiredService<GenesysRequestBudget>();
            pipeline.TimeProvider = time;

            if (options.MaxRetries > 0)
                pipeline.AddRetry(CreateRetry(options, time, budget.State));
            if (withBudget)
            {
                pipeline.AddRateLimiter(new RateLimiterStrategyOptions
                {
                    RateLimiter = args => budget.AcquireAsync(PriorityOf(args.Context), args.Context.CancellationToken),
                });
            }

            pipeline.AddTimeout(options.RequestTimeout);
        });
        return builder;
    }

    internal static RetryStrategyOptions<HttpResponseMessage> CreateRetry(GenesysOptions options, TimeProvider time, RateBudgetState state) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome,
            (args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage())?.Method ?? HttpMethod.Get)),
        // Genesys says exactly how long a throttled token must wait; guessing shorter only earns another 429.
        DelayGenerator = args =>
        {
            if (args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
                && RetryAfterReader.Read(response, time) is { } retryAfter)
            {
                return ValueTask.FromResult<TimeSpan?>(retryAfter < options.MaxRetryAfter ? retryAfter : options.MaxRetryAfter);
            }

            return ValueTask.FromResult<TimeSpan?>(null);
        },
        OnRetry = args =>
        {
            state.RecordRetry(args.RetryDelay);
            return ValueTask.CompletedTask;
        },
    };

    // Every attempt of a call (retries included) keeps the priority the typed client put on the request.
    private static GenesysCallPriority PriorityOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(GenesysCallPriority.RequestOption, out var priority)
            ? priority
            : GenesysCallPriority.Intake;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod method) => outcome switch
    {
        { Result: { } response } => GenesysErrorClassifier.ShouldRetry(method, response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => GenesysErrorClassifier.MayResendAfterNoAnswer(method),
        _ => false,
    };
}
