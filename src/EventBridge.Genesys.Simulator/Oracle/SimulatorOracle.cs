namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>Thread-safe record of what really happened inside the simulator.</summary>
public sealed class SimulatorOracle
{
    private readonly Lock _gate = new();
    private readonly List<AppliedWrapup> _wrapups = [];
    private readonly List<IgnoredWrapup> _ignored = [];
    private readonly List<RefusedCall> _refused = [];
    private readonly List<LoggedRequest> _requests = [];
    private readonly List<WrapupCall> _wrapupCalls = [];

    public void Record(AppliedWrapup wrapup)
    {
        lock (_gate)
            _wrapups.Add(wrapup);
    }

    public void Record(IgnoredWrapup wrapup)
    {
        lock (_gate)
            _ignored.Add(wrapup);
    }

    public void Record(RefusedCall call)
    {
        lock (_gate)
            _refused.Add(call);
    }

    public void Record(LoggedRequest request)
    {
        lock (_gate)
            _requests.Add(request);
    }

    public void Record(WrapupCall call)
    {
        lock (_gate)
            _wrapupCalls.Add(call);
    }

    /// <summary>API calls logged so far, without copying the record.</summary>
    public int RequestCount
    {
        get
        {
            lock (_gate)
                return _requests.Count;
        }
    }

    public OracleSnapshot Snapshot()
    {
        lock (_gate)
            return new OracleSnapshot([.. _wrapups], [.. _ignored], [.. _refused], [.. _requests], [.. _wrapupCalls]);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _wrapups.Clear();
            _ignored.Clear();
            _refused.Clear();
            _requests.Clear();
            _wrapupCalls.Clear();
        }
    }
}
