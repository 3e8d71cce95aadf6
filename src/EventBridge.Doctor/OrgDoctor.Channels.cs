using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Notifications;

namespace EventBridge.Doctor;

public sealed partial class OrgDoctor
{
    private async Task CheckChannelsHeldAsync(DoctorSettings settings, CancellationToken cancellationToken)
    {
        const string check = "notification channels";
        const int limit = DoctorSettings.ChannelsPerOAuthClient;
        try
        {
            var held = (await genesys.GetChannelsAsync(ofWholeOAuthClient: true, cancellationToken)).Entities?.Count ?? 0;
            var found = $"this OAuth client holds {held} of {limit}; the worker opens up to {settings.MaxChannels} (Subscriptions:MaxChannels)";
            Add(held + settings.MaxChannels > limit
                ? DoctorFinding.Warn(check, found,
                    "Genesys evicts the oldest channel at the 21st: give EventBridge an OAuth client of its own, or lower Subscriptions:MaxChannels.")
                : DoctorFinding.Pass(check, found));
        }
        catch (GenesysApiException e)
        {
            Add(DoctorFinding.Fail(check, $"could not list them: {Answer(e)}", "The worker needs the notification API; check the OAuth client's roles."));
        }
    }

    /// <summary>
    /// Subscribes each queue's conversation topic on a channel of its own with <c>ignoreErrors</c>, so a refused topic
    /// is reported instead of failing the call, then empties it. Genesys has no call to delete a channel: an empty,
    /// never-connected one is the first the 21st evicts and expires within a day.
    /// </summary>
    private async Task CheckQueueTopicsAsync(IReadOnlyList<RoutingQueue> queues, CancellationToken cancellationToken)
    {
        const string check = "queue topics";
        if (queues.Count == 0) return;
        Channel probe;
        try
        {
            probe = await genesys.CreateChannelAsync(cancellationToken);
        }
        catch (GenesysApiException e)
        {
            Add(DoctorFinding.Fail(check, $"could not open a channel: {Answer(e)}", "The worker needs notification channels; check the OAuth client's roles."));
            return;
        }

        var topics = queues.Select(q => NotificationTopics.QueueConversations(q.Id!)).ToList();
        try
        {
            var answered = await genesys.ReplaceSubscriptionsAsync(probe.Id!, topics, ignoreErrors: true, cancellationToken);
            foreach (var topic in answered.Entities ?? [])
                Add(topic.IsRejected
                    ? DoctorFinding.Fail(check, $"{topic.Id} refused: {topic.RejectionReason ?? "no reason given"}" + Missing(topic),
                        "Give the OAuth client's role the missing permissions; without the topic the worker hears nothing of this queue.")
                    : DoctorFinding.Pass(check, $"{topic.Id} permitted"));
        }
        catch (GenesysApiException e)
        {
            Add(DoctorFinding.Fail(check, $"subscribing failed: {Answer(e)}", "Check the queue ids and the OAuth client's roles."));
        }
        finally
        {
            await EmptyAsync(probe.Id!, cancellationToken);
        }
    }

    private async Task EmptyAsync(string channelId, CancellationToken cancellationToken)
    {
        try
        {
            await genesys.DeleteSubscriptionsAsync(channelId, cancellationToken);
        }
        catch (GenesysApiException)
        {
            // An unconnected probe channel expires on its own; its topics deliver to no one.
        }
    }

    private static string Missing(ChannelTopic topic) =>
        topic.MissingPermissions is { Count: > 0 } missing ? $" (missing {string.Join(", ", missing)})" : "";
}
