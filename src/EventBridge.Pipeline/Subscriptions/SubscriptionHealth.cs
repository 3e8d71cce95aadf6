namespace EventBridge.Pipeline.Subscriptions;

/// <summary>
/// Read-only snapshot of the notification channels for operators and <c>/health/ready</c>. Topics that are rejected
/// or beyond the channel share are heard only through REST reconciliation, so they are listed, not hidden.
/// </summary>
public sealed record SubscriptionHealth
{
    public required IReadOnlyList<ChannelHealth> Channels { get; init; }
    public required IReadOnlyList<RejectedTopic> RejectedTopics { get; init; }

    /// <summary>Topics not subscribed because every channel of the share is full (<c>MaxChannels</c> × <c>MaxTopicsPerChannel</c>).</summary>
    public required IReadOnlyList<string> TopicsOverCapacity { get; init; }

    /// <summary>Which replica listens (in a cluster, the holder of the listener lease); set by the operations API.</summary>
    public ListenerStatus? Listener { get; init; }

    /// <summary>True once the configured queue topics were subscribed at start.</summary>
    public required bool Started { get; init; }

    public int SubscribedTopicCount => Channels.Sum(c => c.TopicCount);
    public int ConnectedChannelCount => Channels.Count(c => c.Connected);
    public int TotalReconnects => Channels.Sum(c => c.ReconnectCount);
    public int TotalReplacements => Channels.Sum(c => c.ReplacementCount);
    public int TotalPingsSent => Channels.Sum(c => c.PingsSent);
    public int TotalPingsUnanswered => Channels.Sum(c => c.PingsUnanswered);
    public int TotalSocketClosingNotices => Channels.Sum(c => c.SocketClosingNotices);

    /// <summary>Ready: started, and every channel that carries topics has an open socket.</summary>
    public bool IsReady => Started && Channels.Where(c => c.TopicCount > 0).All(c => c.Connected);
}
