namespace EventBridge.Genesys.Tests.Support;

/// <summary>Polls a condition with a real-time limit: the deterministic way to wait for asynchronous effects.</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting until {because}");
            await Task.Delay(5);
        }
    }

    public static Task<T> Within<T>(this Task<T> task, double seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task Within(this Task task, double seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}
