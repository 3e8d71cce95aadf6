using EventBridge.Genesys.Notifications;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>Counts the events an undisturbed channel receives, to compare the pool's channel with.</summary>
public sealed class ReferenceListener : IAsyncDisposable
{
    private readonly NotificationChannelClient _client;
    private readonly IDisposable _counting;
    private readonly IAsyncDisposable _services;
    private long _seen;

    public ReferenceListener(NotificationChannelClient client, IAsyncDisposable services)
    {
        _client = client;
        _services = services;
        _counting = client.Notifications.Subscribe(_ => Interlocked.Increment(ref _seen));
    }

    public long EventsSeen => Interlocked.Read(ref _seen);

    public async ValueTask DisposeAsync()
    {
        _counting.Dispose();
        await _client.DisposeAsync();
        await _services.DisposeAsync();
    }
}
