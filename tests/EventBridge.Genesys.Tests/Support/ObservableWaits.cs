namespace EventBridge.Genesys.Tests.Support;

internal static class ObservableWaits
{
    /// <summary>Subscribes now and completes with the next matching item (10 s limit).</summary>
    public static Task<T> Next<T>(this IObservable<T> source, Func<T, bool>? where = null)
    {
        var next = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = source.Subscribe(new Observer<T>(item =>
        {
            if (where is null || where(item))
                next.TrySetResult(item);
        }));
        _ = next.Task.ContinueWith(_ => subscription.Dispose(), TaskScheduler.Default);
        return next.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
