using EventBridge.Genesys.Http;
using MassTransit;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// One retry policy for every endpoint: exponential, in-process, a minute at most in total (far below RabbitMQ's
/// consumer timeout), and only for what may pass — Genesys transients and unconfirmed wrap-ups. Decided failures are
/// values, not exceptions: they never reach this policy (<see cref="Outcomes.DecidedFailureLetters"/> dead-letters them).
/// </summary>
public static class TransientRetry
{
    public static void Configure(IRetryConfigurator retry, int limit)
    {
        retry.Exponential(limit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(300));
        retry.Ignore<GenesysApiException>(e => e.Kind != GenesysErrorKind.Transient);
    }
}
