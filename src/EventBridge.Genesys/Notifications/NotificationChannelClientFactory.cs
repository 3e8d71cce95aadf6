using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EventBridge.Genesys.Notifications;

/// <summary>Creates <see cref="NotificationChannelClient"/>s for channel URIs returned by <c>CreateChannelAsync</c>.</summary>
public sealed class NotificationChannelClientFactory(
    TimeProvider time, ILoggerFactory loggers, IOptions<GenesysOptions> options)
{
    public NotificationChannelClient Create(Uri connectUri) =>
        new(connectUri, time, loggers.CreateLogger<NotificationChannelClient>(), options.Value.ChannelReconnectDelay)
        {
            SilenceTimeout = options.Value.ChannelSilenceTimeout > TimeSpan.Zero ? options.Value.ChannelSilenceTimeout : null,
        };
}
