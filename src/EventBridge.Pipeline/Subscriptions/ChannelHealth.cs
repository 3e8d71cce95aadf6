using System.Text.Json.Serialization;

namespace EventBridge.Pipeline.Subscriptions;

/// <summary>One notification channel as operators see it. <see cref="ChannelTag"/> changes when the channel is replaced.</summary>
public sealed record ChannelHealth
{
    /// <summary>Stable slot number of the session (0-based); the channel behind it may be replaced.</summary>
    public required int Slot { get; init; }

    /// <summary>
    /// In-process only (tests drive the simulator with it): a channel id is a credential — whoever knows it can open
    /// the channel's socket — so it is never serialized. Pages, the API and logs use <see cref="ChannelTag"/>.
    /// </summary>
    [JsonIgnore]
    public string? ChannelId { get; init; }

    /// <summary>A short tag of the id that cannot be turned back into it (<see cref="Genesys.Notifications.ChannelTag"/>).</summary>
    public string? ChannelTag => Genesys.Notifications.ChannelTag.Of(ChannelId);
    public required ChannelState State { get; init; }
    public required int TopicCount { get; init; }
    public required bool Connected { get; init; }
    public DateTimeOffset? LastHeartbeatAt { get; init; }
    public DateTimeOffset? LastMessageAt { get; init; }
    public DateTimeOffset? LastPongAt { get; init; }

    /// <summary>New sockets to the same channel (drops, silence, socket_closing), over the session's life.</summary>
    public required int ReconnectCount { get; init; }

    /// <summary>Channels opened to succeed a gone or unrenewable one.</summary>
    public required int ReplacementCount { get; init; }
    public required long EventsReceived { get; init; }

    /// <summary>Watchdog pings sent after a silence, over the session's life.</summary>
    public int PingsSent { get; init; }

    /// <summary>Pings no pong answered in time: each cost a reconnect (a half-open socket).</summary>
    public int PingsUnanswered { get; init; }

    /// <summary><c>v2.system.socket_closing</c> notices: each moves the client to a new socket before the old one closes.</summary>
    public int SocketClosingNotices { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? NextRenewalAt { get; init; }
    public string? LastProblem { get; init; }
}
