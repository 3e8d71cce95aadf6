using EventBridge.Genesys.Notifications;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Listening;

/// <summary>
/// Opens the notification channel with the configured queues' topics, connects its socket and feeds every event to
/// the <see cref="ConversationEventRouter"/>. Intake adds agent topics on demand through <see cref="TopicSubscriptions"/>.
/// </summary>
public sealed class NotificationListener(
    TopicSubscriptions subscriptions,
    NotificationChannelClientFactory sockets,
    ConversationEventRouter router,
    IOptions<WrapUpPipelineOptions> options,
    ILogger<NotificationListener> logger) : BackgroundService
{
    public NotificationChannelClient? Socket { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = await subscriptions.OpenAsync(stoppingToken);
        await subscriptions.EnsureAsync(options.Value.QueueIds.Select(NotificationTopics.QueueConversations), stoppingToken);

        await using var socket = sockets.Create(channel.ConnectUri!);
        using var events = socket.Notifications.Subscribe(envelope => _ = RouteAsync(envelope, stoppingToken));
        await socket.StartAsync(stoppingToken);
        Socket = socket;
        logger.LogInformation("Listening on notification channel {ChannelId} ({TopicCount} topics)", channel.Id, subscriptions.Topics.Count);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: disposing the socket closes it.
        }
    }

    private async Task RouteAsync(Genesys.Models.NotificationEnvelope envelope, CancellationToken cancellationToken)
    {
        try
        {
            await router.RouteAsync(envelope, cancellationToken);
        }
        catch (Exception routingFailed) when (routingFailed is not OperationCanceledException)
        {
            // A lost event is recovered by the sweeper's reconciliation; the socket must keep going.
            logger.LogError(routingFailed, "Could not route a {Topic} event", envelope.TopicName);
        }
    }
}
