using EventBridge.Genesys;
using EventBridge.Genesys.Notifications;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace EventBridge.Worker.Listening;

/// <summary>
/// Opens one notification channel, subscribes the configured queues' generic conversation topics and reports
/// agents entering after-call work. The wrap-up pipeline builds on this; channel resilience comes later.
/// </summary>
public sealed class QueueTopicListener(
    GenesysApiClient genesys,
    NotificationChannelClientFactory channels,
    IOptions<ListeningOptions> options,
    IServiceProvider services,
    ILogger<QueueTopicListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queueIds = options.Value.QueueIds.Count > 0 || services.GetService<EmbeddedSimulatorHost>() is null
            ? options.Value.QueueIds
            : [SeedData.DemoQueueId];
        var topics = queueIds.Select(NotificationTopics.QueueConversations).ToList();

        var channel = await genesys.CreateChannelAsync(stoppingToken);
        var subscribed = await genesys.ReplaceSubscriptionsAsync(channel.Id!, topics, ignoreErrors: true, stoppingToken);
        foreach (var refused in subscribed.Entities?.Where(t => t.State is not null && t.State != "Permitted") ?? [])
            logger.LogWarning("Genesys refused topic {Topic}: {RejectionReason} (missing permissions: {MissingPermissions})",
                refused.Id, refused.RejectionReason, refused.MissingPermissions);

        await using var socket = channels.Create(channel.ConnectUri!);
        using var events = socket.Notifications.Subscribe(envelope =>
        {
            if (envelope.ParseConversation() is not { } conversation) return;
            foreach (var agent in AfterCallWorkDetector.FindAgentsAwaitingWrapup(conversation))
                logger.LogInformation("Agent {UserId} entered wrap-up on conversation {ConversationId} (participant {ParticipantId}, communication {CommunicationId})",
                    agent.UserId, agent.ConversationId, agent.ParticipantId, agent.CommunicationId);
        });
        await socket.StartAsync(stoppingToken);
        logger.LogInformation("Listening on channel {ChannelId} to {TopicCount} topics", channel.Id, topics.Count);

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: disposing the socket below closes it.
        }
    }
}
