namespace EventBridge.Pipeline.Subscriptions;

/// <summary>What a replica does about notifications (see <c>Cluster.ListenerRole</c>).</summary>
public enum ListenerRoleKind
{
    /// <summary>Not decided yet (the host is starting).</summary>
    Starting,

    /// <summary>Alone on its store: it always listens.</summary>
    Sole,

    /// <summary>Holds the cluster's listener lease: it listens for every replica.</summary>
    Holder,

    /// <summary>Another replica listens (or none, while the lease runs out); this one takes intents in and settles them.</summary>
    StandBy,
}

/// <param name="Holder">The replica that listens, when known.</param>
/// <param name="Epoch">The holder's lease epoch (it rises with every take-over).</param>
/// <param name="Since">When the holder took the lease.</param>
public sealed record ListenerStatus(ListenerRoleKind Role, string Replica, string? Holder, long? Epoch, DateTimeOffset? Since)
{
    public bool Listens => Role is ListenerRoleKind.Sole or ListenerRoleKind.Holder;
}
