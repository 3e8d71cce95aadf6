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
/// Retries wait for <c>Retry-After</c> on a 429 and use jittered exponential backoff otherwise, and stop where the
/// next wait plus one more attempt would pass <see cref="GenesysOptions.CallTimeout"/>; 400/401/403/404/409 are never
/// resent here (401 is handled once by <see cref="BearerTokenHandler"/>).
/// </summary>
internal static class GenesysResilience
{
    private static readonly ResiliencePropertyKey<long> CallStartedAt = new("eventbridge.genesys.call-started-at");
    private static readonly ResiliencePropertyKey<TimeSpan> PlannedDelay = new("eventbridge.genesys.planned-delay");

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
                    RateLimiter = args => AcquireWithinCallAsync(budget, args.Context, options, time),
                });
            }

            pipeline.AddTimeout(new TimeoutStrategyOptions
            {
                // Runs as each attempt starts, after its permit: the first one starts the call's clock.
                TimeoutGenerator = args =>
                {
                    if (!args.Context.Properties.TryGetValue(CallStartedAt, out _))
                        args.Context.Properties.Set(CallStartedAt, time.GetTimestamp());
                    return ValueTask.FromResult(options.RequestTimeout);
                },
            });
        });
        return builder;
    }

    /// <summary>
    /// The delay is decided where the retry is: a wait that would leave no room for one more attempt inside
    /// <see cref="GenesysOptions.CallTimeout"/> is not a retry at all, so the caller hears the answer now instead of
    /// after the bound. Microsoft.Extensions.Http.Resilience's own <c>ShouldRetryAfterHeader</c> is not used: it
    /// reads HTTP-date values on the system clock, not the injected one, and caps nothing.
    /// </summary>
    internal static RetryStrategyOptions<HttpResponseMessage> CreateRetry(GenesysOptions options, TimeProvider time, RateBudgetState state) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        ShouldHandle = args =>
        {
            var method = (args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage())?.Method ?? HttpMethod.Get;
            if (!ShouldRetry(args.Outcome, method))
                return ValueTask.FromResult(false);
            var delay = NextDelay(args.Outcome, args.AttemptNumber, options, time);
            if (!FitsInCall(args.Context, delay, options, time))
            {
                state.RecordRetryRefused();
                return ValueTask.FromResult(false);
            }

            args.Context.Properties.Set(PlannedDelay, delay);
            return ValueTask.FromResult(true);
        },
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            args.Context.Properties.TryGetValue(PlannedDelay, out var delay) ? delay : options.RetryBaseDelay),
        OnRetry = args =>
        {
            state.RecordRetry(args.RetryDelay);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>
    /// Genesys says exactly how long a throttled token must wait; guessing shorter only earns another 429. Otherwise
    /// exponential from <see cref="GenesysOptions.RetryBaseDelay"/> with half of it jittered, so clients that failed
    /// together do not return together.
    /// </summary>
    private static TimeSpan NextDelay(Outcome<HttpResponseMessage> outcome, int attempt, GenesysOptions options, TimeProvider time)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
            && RetryAfterReader.Read(response, time) is { } retryAfter)
        {
            return retryAfter < options.MaxRetryAfter ? retryAfter : options.MaxRetryAfter;
        }

        var exponential = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 16));
        return exponential * (0.5 + (Random.Shared.NextDouble() / 2));
    }

    /// <summary>
    /// The first attempt waits for its permit as long as it takes: nothing is spent at Genesys meanwhile, the call's
    /// clock starts with that attempt, and shutdown cancels the wait. A retry's wait is inside the call: a permit that
    /// comes too late for one more <see cref="GenesysOptions.RequestTimeout"/> before <see cref="GenesysOptions.CallTimeout"/>
    /// is not taken, and the call ends as a transient failure that the caller's own retry handles.
    /// </summary>
    private static async ValueTask<System.Threading.RateLimiting.RateLimitLease> AcquireWithinCallAsync(
        GenesysRequestBudget budget, ResilienceContext context, GenesysOptions options, TimeProvider time)
    {
        if (!context.Properties.TryGetValue(CallStartedAt, out var startedAt))
            return await budget.AcquireAsync(PriorityOf(context), context.CancellationToken);
        var left = options.CallTimeout - time.GetElapsedTime(startedAt) - options.RequestTimeout;
        var lease = await budget.AcquireAsync(PriorityOf(context), context.CancellationToken, left);
        if (!lease.IsAcquired) budget.State.RecordRetryRefused();
        return lease;
    }

    private static bool FitsInCall(ResilienceContext context, TimeSpan delay, GenesysOptions options, TimeProvider time)
    {
        var elapsed = context.Properties.TryGetValue(CallStartedAt, out var startedAt) ? time.GetElapsedTime(startedAt) : TimeSpan.Zero;
        return elapsed + delay + options.RequestTimeout <= options.CallTimeout;
    }

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
