using System.Collections.Concurrent;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.RateLimiting;

/// <summary>
/// Genesys counts requests per client-credentials token in one-minute windows and reports the count, the allowance
/// and the seconds until the window resets on every response.
/// </summary>
internal sealed class TokenRateLimiter(SimulatorOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, WindowState> _windows = new(StringComparer.Ordinal);

    public RateDecision Count(string token)
    {
        var limit = options.RateLimitPerMinute;
        var now = time.GetUtcNow();
        var state = _windows.GetOrAdd(token, _ => new WindowState(now));
        lock (state)
        {
            if (now - state.Start >= Window)
            {
                state.Start = now;
                state.Count = 0;
            }

            state.Count++;
            var resetSeconds = (int)Math.Ceiling((state.Start + Window - now).TotalSeconds);
            return new RateDecision(limit > 0 && state.Count > limit, state.Count, limit, Math.Max(1, resetSeconds));
        }
    }

    private sealed class WindowState(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Count { get; set; }
    }
}
