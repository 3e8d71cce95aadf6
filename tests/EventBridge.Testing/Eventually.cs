namespace EventBridge.Testing;

/// <summary>Waits on a condition with a bound, instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(25);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) => TrueAsync(condition, timeout, () => what);

    /// <summary><paramref name="what"/> is read when giving up, so it can say what was seen instead.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0.#} s waiting for {what()}.");
            await Task.Delay(25);
        }
    }
}
