namespace EventBridge.Pipeline.Applying;

/// <summary>
/// One settle at a time per intent within this process, whichever path started it (an event settled in process, or
/// a command from the settle queue): two settles of one intent must see each other's effects, or both could send the
/// wrap-up. Across processes the store's claim decides.
/// </summary>
public sealed class IntentLocks
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Holder> _held = [];

    public async Task<IDisposable> AcquireAsync(Guid intentId, CancellationToken cancellationToken)
    {
        Holder holder;
        lock (_gate)
        {
            if (!_held.TryGetValue(intentId, out holder!)) _held[intentId] = holder = new Holder();
            holder.Users++;
        }

        try
        {
            await holder.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(intentId, holder);
            throw;
        }

        return new Release(this, intentId, holder);
    }

    private void Leave(Guid intentId, Holder holder)
    {
        lock (_gate)
        {
            if (--holder.Users > 0) return;
            _held.Remove(intentId);
            holder.Semaphore.Dispose();
        }
    }

    private sealed class Holder
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Release(IntentLocks locks, Guid intentId, Holder holder) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            holder.Semaphore.Release();
            locks.Leave(intentId, holder);
        }
    }
}
