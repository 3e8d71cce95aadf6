namespace EventBridge.Pipeline.Subscriptions;

/// <summary>Where one channel session is in its lifecycle (shown to operators).</summary>
public enum ChannelState
{
    /// <summary>No channel yet: created on the first topics assigned to it.</summary>
    Idle,

    /// <summary>Creating the channel, connecting its socket, subscribing.</summary>
    Opening,

    /// <summary>Socket open, topics subscribed.</summary>
    Connected,

    /// <summary>The socket dropped or went silent; reconnecting to the same channel with backoff.</summary>
    Reconnecting,

    /// <summary>The channel is gone (expired, evicted, token revoked) or could not be renewed; opening a successor.</summary>
    Replacing,

    Stopped,
}
