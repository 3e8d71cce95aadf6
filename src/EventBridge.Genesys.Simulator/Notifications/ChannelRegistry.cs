using System.Runtime.CompilerServices;
using System.Net.WebSockets;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Notifications;

/// <summary>All notification channels: limits, expiry, eviction, sockets and fan-out of events.</summary>
internal sealed class ChannelRegistry(SimulatorOptions options, TimeProvider time, FaultInjector faults, TopicValidator validator)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NotificationChannel> _channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<StrongBox<ITimer?>> _delayed = [];

    public NotificationChannel Create(string clientId, string token)
    {
        lock (_gate)
        {
            EvictBeyondLimit(clientId);
            var channel = new NotificationChannel(Guid.NewGuid().ToString(), clientId, token, time.GetUtcNow());
            _channels[channel.Id] = channel;
            ExtendLife(channel);
            return channel;
        }
    }

    public NotificationChannel? Find(string id)
    {
        lock (_gate)
            return _channels.GetValueOrDefault(id);
    }

    public IReadOnlyList<NotificationChannel> List(string clientId, string? token)
    {
        lock (_gate)
        {
            return [.. _channels.Values
                .Where(c => c.ClientId == clientId && (token is null || c.Token == token))
                .OrderBy(c => c.CreatedAt)];
        }
    }

    public IReadOnlyList<ChannelTopicDto> Topics(string channelId, string clientId)
    {
        lock (_gate)
            return [.. Require(channelId, clientId).Topics.Select(Permitted)];
    }

    /// <summary>POST adds, PUT replaces; either way the channel's life is extended, as re-subscribing does in Genesys.</summary>
    public IReadOnlyList<ChannelTopicDto> Subscribe(string channelId, string clientId, IEnumerable<string?> topics, bool replace, bool ignoreErrors)
    {
        var granted = validator.PermissionsOf(clientId);
        var verdicts = topics.Select(t => validator.Validate(t, granted)).ToList();
        var rejected = verdicts.Where(v => v.State != "Permitted").ToList();
        if (rejected.Count > 0 && !ignoreErrors)
        {
            throw GenesysApiException.BadRequest(
                $"Topics were rejected: {string.Join("; ", rejected.Select(r => $"{r.Id} ({r.RejectionReason})"))}. " +
                "Pass ignoreErrors=true to subscribe to the rest.");
        }

        lock (_gate)
        {
            var channel = Require(channelId, clientId);
            var next = replace ? [] : channel.Topics.ToList();
            foreach (var topic in verdicts.Where(v => v.State == "Permitted").Select(v => v.Id))
            {
                if (!next.Contains(topic, StringComparer.OrdinalIgnoreCase))
                    next.Add(topic);
            }

            if (next.Count > options.MaxTopicsPerChannel)
            {
                throw GenesysApiException.BadRequest(
                    $"Channel {channelId} would have {next.Count} topics; a channel allows at most {options.MaxTopicsPerChannel}.");
            }

            channel.Topics.Clear();
            channel.Topics.AddRange(next);
            ExtendLife(channel);
            return [.. channel.Topics.Select(Permitted), .. rejected];
        }
    }

    public void Unsubscribe(string channelId, string clientId)
    {
        lock (_gate)
            Require(channelId, clientId).Topics.Clear();
    }

    /// <summary>One socket per channel: a second connection kicks the first.</summary>
    public ChannelSocket? Attach(string channelId, WebSocket webSocket)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var channel))
                return null;
            channel.Socket?.RequestClose(WebSocketCloseStatus.PolicyViolation, "Another connection took over this channel");
            channel.Socket = new ChannelSocket(webSocket, time, options, faults);
            channel.EverConnected = true;
            return channel.Socket;
        }
    }

    public void Detach(string channelId, ChannelSocket socket)
    {
        lock (_gate)
        {
            if (_channels.TryGetValue(channelId, out var channel) && channel.Socket == socket)
                channel.Socket = null;
        }
    }

    /// <summary>
    /// Fans one event out to every connected channel subscribed to the topic; nothing is queued. Delivered under the
    /// registry's lock so a socket taking over a channel (<see cref="Attach"/>) cannot come between choosing the socket
    /// and writing to it: the kicked socket still sends what it was given before its close frame, the new one the rest.
    /// </summary>
    public void Publish(string topic, object eventBody)
    {
        string? frame = null;
        lock (_gate)
        {
            foreach (var channel in _channels.Values)
            {
                if (channel.Socket is not { } socket || !channel.Topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
                    continue;
                // Built once, and only for an event some channel hears (most user topics have no subscriber).
                frame ??= SystemFrames.Envelope(topic, eventBody);
                var decision = faults.DecideDelivery();
                if (decision.Drop)
                    continue;
                if (decision.Delay is { } delay)
                    DeliverLater(socket, frame, decision with { Delay = null }, delay);
                else
                    socket.Deliver(frame, decision);
            }
        }
    }

    /// <summary>Expires a channel now: closing warning, then close, then HEAD answers 404.</summary>
    public bool Expire(string channelId) => Remove(channelId, sendClosingWarning: true, "Channel expired");

    public bool Evict(string channelId) => Remove(channelId, sendClosingWarning: false, "Channel evicted");

    /// <summary>
    /// A planned close of the socket only (Genesys maintenance): socket_closing now, close after
    /// <c>SocketClosingLeadTime</c>. The channel and its topics stay, so a client that connects a new socket in time
    /// loses nothing; that newer socket is left alone. False when the channel is gone or has no open socket.
    /// </summary>
    public bool CloseSocketPlanned(string channelId)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var channel) || channel.Socket is not { } warned)
                return false;
            warned.Send(SystemFrames.SocketClosing);
            RunLater(() =>
            {
                lock (_gate)
                {
                    if (_channels.TryGetValue(channelId, out var current) && current.Socket == warned)
                        warned.RequestClose(WebSocketCloseStatus.NormalClosure, "Planned socket close");
                }
            }, options.SocketClosingLeadTime);
            return true;
        }
    }

    public int CloseAllSockets()
    {
        lock (_gate)
        {
            var open = _channels.Values.Where(c => c.Socket is not null).ToList();
            foreach (var channel in open)
                channel.Socket!.RequestClose(WebSocketCloseStatus.EndpointUnavailable, "Closed by fault injection");
            return open.Count;
        }
    }

    /// <summary>Every socket open now turns half-open (<see cref="ChannelSocket.Freeze"/>); later sockets work.</summary>
    public int FreezeAllSockets()
    {
        lock (_gate)
        {
            var open = _channels.Values.Where(c => c.Socket is not null).ToList();
            foreach (var channel in open)
                channel.Socket!.Freeze();
            return open.Count;
        }
    }

    private static ChannelTopicDto Permitted(string topic) => new(topic, "Permitted");

    private NotificationChannel Require(string channelId, string clientId) =>
        _channels.TryGetValue(channelId, out var channel) && channel.ClientId == clientId
            ? channel
            : throw GenesysApiException.NotFound($"Channel {channelId} was not found.");

    /// <summary>Genesys silently evicts the oldest channel (unconnected first) when a client opens one too many.</summary>
    private void EvictBeyondLimit(string clientId)
    {
        var owned = _channels.Values.Where(c => c.ClientId == clientId).ToList();
        while (owned.Count >= options.MaxChannelsPerClient)
        {
            var victim = owned.OrderBy(c => c.Socket is null ? 0 : 1).ThenBy(c => c.CreatedAt).First();
            RemoveLocked(victim, sendClosingWarning: false, "Channel evicted: too many channels for this OAuth client");
            owned.Remove(victim);
        }
    }

    private void ExtendLife(NotificationChannel channel)
    {
        channel.DisposeTimers();
        var now = time.GetUtcNow();
        channel.ExpiresAt = now + options.ChannelLifetime;
        var warnIn = options.ChannelLifetime - options.SocketClosingLeadTime;
        if (warnIn > TimeSpan.Zero)
            channel.ClosingTimer = time.CreateTimer(_ => channel.Socket?.Send(SystemFrames.SocketClosing), null, warnIn, Timeout.InfiniteTimeSpan);
        channel.ExpiryTimer = time.CreateTimer(_ => Remove(channel.Id, sendClosingWarning: warnIn <= TimeSpan.Zero, "Channel expired"),
            null, options.ChannelLifetime, Timeout.InfiniteTimeSpan);
    }

    private bool Remove(string channelId, bool sendClosingWarning, string reason)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var channel))
                return false;
            RemoveLocked(channel, sendClosingWarning, reason);
            return true;
        }
    }

    private void RemoveLocked(NotificationChannel channel, bool sendClosingWarning, string reason)
    {
        _channels.Remove(channel.Id);
        channel.DisposeTimers();
        if (channel.Socket is { } socket)
        {
            if (sendClosingWarning)
                socket.Send(SystemFrames.SocketClosing);
            socket.RequestClose(WebSocketCloseStatus.NormalClosure, reason);
        }
    }

    private void DeliverLater(ChannelSocket socket, string frame, DeliveryDecision decision, TimeSpan delay) =>
        RunLater(() => socket.Deliver(frame, decision), delay);

    private void RunLater(Action action, TimeSpan delay)
    {
        // Run a zero delay now: a fake clock may fire such a timer inside CreateTimer, before the holder could track it.
        if (delay <= TimeSpan.Zero)
        {
            action();
            return;
        }

        // Timers must stay referenced until they fire, or the runtime may collect and cancel them.
        var holder = new StrongBox<ITimer?>();
        lock (_gate)
        {
            holder.Value = time.CreateTimer(_ =>
            {
                action();
                lock (_gate)
                    _delayed.Remove(holder);
                holder.Value?.Dispose();
            }, null, delay, Timeout.InfiniteTimeSpan);
            _delayed.Add(holder);
        }
    }
}
