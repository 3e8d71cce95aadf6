using System.ComponentModel.DataAnnotations;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Faults;

/// <summary>Holds the switchable faults; a seeded Random makes the share-based ones repeatable.</summary>
public sealed class FaultInjector
{
    private static readonly int[] BurstStatuses = [429, 500, 502, 503, 504];
    private static readonly int[] AfterEffectStatuses = [500, 502, 504];
    private readonly Lock _gate = new();
    private readonly List<BurstState> _bursts = [];
    private Random _random;
    private NotificationFaults _notifications = new();
    private WrapUpHold? _hold;
    private int _holdPending;
    private int _heldNow;
    private int _heldCompleted;
    private int _heldAbandoned;

    public FaultInjector(SimulatorOptions options) => _random = new Random(options.FaultSeed);

    public NotificationFaults Notifications
    {
        get
        {
            lock (_gate)
                return _notifications;
        }
    }

    public void SetNotificationFaults(NotificationFaults faults)
    {
        Validator.ValidateObject(faults, new ValidationContext(faults), validateAllProperties: true);
        lock (_gate)
            _notifications = faults;
    }

    public void Reseed(int seed)
    {
        lock (_gate)
            _random = new Random(seed);
    }

    public void AddBurst(ErrorBurst burst)
    {
        if (burst.Count < 1 || !BurstStatuses.Contains(burst.Status))
            throw new ArgumentException($"A burst needs count >= 1 and a status in {string.Join(", ", BurstStatuses)}.", nameof(burst));
        if (burst.AfterEffect && !AfterEffectStatuses.Contains(burst.Status))
            throw new ArgumentException($"An after-effect burst answers {string.Join(", ", AfterEffectStatuses)}: 429 and 503 say the call was not processed.", nameof(burst));
        lock (_gate)
            _bursts.Add(new BurstState(burst.Status, burst.PathPrefix, burst.AfterEffect) { Remaining = burst.Count });
    }

    public IReadOnlyList<ErrorBurst> PendingBursts()
    {
        lock (_gate)
            return [.. _bursts.Select(b => new ErrorBurst(b.Remaining, b.Status, b.PathPrefix, b.AfterEffect))];
    }

    /// <summary>Reset everything to "no faults".</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _bursts.Clear();
            _notifications = new NotificationFaults();
            _hold = null;
            _holdPending = 0;
        }
    }

    public void HoldWrapUps(WrapUpHold hold)
    {
        if (hold.Count < 1 || hold.Delay <= TimeSpan.Zero || hold.Delay > TimeSpan.FromMinutes(5))
            throw new ArgumentException("A hold needs count >= 1 and a delay above zero and at most 5 minutes.", nameof(hold));
        lock (_gate)
        {
            _hold = hold;
            _holdPending = hold.Count;
        }
    }

    public WrapUpHoldState WrapUpHolds()
    {
        lock (_gate)
            return new WrapUpHoldState(_holdPending, _heldNow, _heldCompleted, _heldAbandoned);
    }

    /// <summary>The delay for this wrap-up call, if a hold takes it; the caller reports back with <see cref="ReleaseHeld"/>.</summary>
    internal TimeSpan? TakeHold()
    {
        lock (_gate)
        {
            if (_hold is null || _holdPending == 0) return null;
            _holdPending--;
            _heldNow++;
            return _hold.Delay;
        }
    }

    internal void ReleaseHeld(bool abandoned)
    {
        lock (_gate)
        {
            _heldNow--;
            if (abandoned) _heldAbandoned++;
            else _heldCompleted++;
        }
    }

    internal ErrorBurst? TakeBurst(string path)
    {
        lock (_gate)
        {
            var burst = _bursts.FirstOrDefault(b =>
                b.PathPrefix is null || path.StartsWith(b.PathPrefix, StringComparison.OrdinalIgnoreCase));
            if (burst is null)
                return null;
            if (--burst.Remaining == 0)
                _bursts.Remove(burst);
            return new ErrorBurst(1, burst.Status, burst.PathPrefix, burst.AfterEffect);
        }
    }

    internal DeliveryDecision DecideDelivery()
    {
        lock (_gate)
        {
            var f = _notifications;
            return new DeliveryDecision(
                Drop: Hit(f.DropShare),
                Duplicate: Hit(f.DuplicateShare),
                Reorder: Hit(f.ReorderShare),
                Delay: Hit(f.DelayShare) ? f.Delay : null);
        }
    }

    private bool Hit(double share) => share > 0 && _random.NextDouble() < share;

    private sealed class BurstState(int status, string? pathPrefix, bool afterEffect)
    {
        public int Status { get; } = status;

        public bool AfterEffect { get; } = afterEffect;

        public string? PathPrefix { get; } = pathPrefix;

        public int Remaining { get; set; }
    }
}
