using EventBridge.Genesys.Notifications;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Counts the events an undisturbed channel receives, to compare the pool's channel with.</summary>
public sealed class ReferenceListener : IAsyncDisposable
{
    private readonly NotificationSocket _socket;
    private readonly IDisposable _counting;
    private readonly IAsyncDisposable _services;
    private long _seen;

    public ReferenceListener(NotificationSocket socket, IAsyncDisposable services)
    {
        _socket = socket;
        _services = services;
        _counting = socket.Notifications.Subscribe(_ => Interlocked.Increment(ref _seen));
    }

    public long EventsSeen => Interlocked.Read(ref _seen);

    public async ValueTask DisposeAsync()
    {
        _counting.Dispose();
        await _socket.DisposeAsync();
        await _services.DisposeAsync();
    }
}
