namespace EventBridge.Pipeline.Reconciling;

/// <summary>
/// "Events may have been missed": raised after any gap in notifications (reconnect, watchdog, new channel, topics
/// refused). The sweeper then re-reads every open intent's conversation over REST, as if the events had arrived.
/// </summary>
public sealed class ReconcileSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _raised = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _reason;

    /// <summary>Why the last gap happened (for logs and the dashboard).</summary>
    public string? LastReason { get { lock (_gate) return _reason; } }

    public long Count { get; private set; }

    public void Raise(string reason)
    {
        lock (_gate)
        {
            _reason = reason;
            Count++;
            _raised.TrySetResult();
        }
    }

    /// <summary>Completes when a gap was signalled since the last <see cref="Take"/>.</summary>
    public Task WhenRaised { get { lock (_gate) return _raised.Task; } }

    /// <summary>Clears the signal; true when there was one to clear.</summary>
    public bool Take()
    {
        lock (_gate)
        {
            if (!_raised.Task.IsCompleted) return false;
            _raised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }
}
