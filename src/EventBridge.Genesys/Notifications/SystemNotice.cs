using EventBridge.Genesys.Models;

namespace EventBridge.Genesys.Notifications;

/// <summary>A <c>v2.system.*</c> frame, with its body (<c>channelId</c>, <c>systemTopicType</c>, <c>reason</c>…) parsed.</summary>
public sealed record SystemNotice(SystemNoticeKind Kind, string TopicName, SystemTopicBody? Body, DateTimeOffset ReceivedAt)
{
    internal static SystemNoticeKind KindOf(string topicName) => topicName switch
    {
        NotificationTopics.SocketClosing => SystemNoticeKind.SocketClosing,
        _ when topicName.StartsWith(NotificationTopics.NoLongerSubscribedPrefix, StringComparison.Ordinal) => SystemNoticeKind.NoLongerSubscribed,
        _ when topicName.StartsWith(NotificationTopics.TokenRevokedPrefix, StringComparison.Ordinal) => SystemNoticeKind.TokenRevoked,
        _ => SystemNoticeKind.Other,
    };
}
