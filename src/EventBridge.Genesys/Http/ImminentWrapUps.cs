namespace EventBridge.Genesys.Http;

/// <summary>
/// Agents this process has seen in ACW and is settling in process (from the hand-over until the settle ends, the
/// wrap-up call and its confirmation included). The request budget keeps a token for each of them before it lets a disconnect, a read or a reconciliation
/// go: every disconnect starts another agent's ACW clock, so starting one while agents already in ACW wait for the
/// budget only makes both late. Measured at the burst of 200 (docs/PERFORMANCE.md): 40 agents the customers ended and
/// 9 that EventBridge's own disconnects put in ACW in the same second, against a bucket of 40.
/// An expectation counts for at most <see cref="CountedFor"/>: a settle held up elsewhere (the store, a probe of the
/// wrap-up call) must not keep every other call waiting, and its own non-wrap-up calls must not wait on itself for long.
/// </summary>
public sealed class ImminentWrapUps(TimeProvider time)
{
    public static readonly TimeSpan CountedFor = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly LinkedList<long> _expected = new();

    /// <summary>How many are expected now (at most <see cref="CountedFor"/> old).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                while (_expected.First is { } oldest && time.GetElapsedTime(oldest.Value, now) >= CountedFor)
                    _expected.RemoveFirst();
                return _expected.Count;
            }
        }
    }

    /// <summary>One more agent waiting for its wrap-up; dispose when its settle ends (the settle inbox does), with or without a call.</summary>
    public IDisposable Expect()
    {
        lock (_gate)
            return new Expectation(this, _expected.AddLast(time.GetTimestamp()));
    }

    private void Release(LinkedListNode<long> node)
    {
        lock (_gate)
            if (node.List is not null)
                _expected.Remove(node);
    }

    private sealed class Expectation(ImminentWrapUps owner, LinkedListNode<long> node) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                owner.Release(node);
        }
    }
}
