namespace EventBridge.Genesys.Simulator.Notifications;

// JSON shapes of the notifications API (JS SDK: Channel, ChannelEntityListing, ChannelTopic,
// ChannelTopicEntityListing, AvailableTopic, AvailableTopicEntityListing).

internal sealed record ChannelDto(string ConnectUri, string Id, string Expires);

internal sealed record ChannelTopicDto(
    string Id,
    string State,
    string? RejectionReason = null,
    IReadOnlyList<string>? MissingPermissions = null,
    string? SelfUri = null);

internal sealed record EntityListing<T>(IReadOnlyList<T> Entities);

internal sealed record SubscriptionRequestItem(string? Id);

internal sealed record AvailableTopicDto(
    string Id,
    string Description,
    IReadOnlyList<string> RequiresPermissions,
    IReadOnlyList<string> TopicParameters,
    IReadOnlyList<string> Transports,
    IReadOnlyList<string> PublicApiTemplateUriPaths,
    bool RequiresCurrentUser = false,
    bool RequiresCurrentUserOrPermission = false,
    bool Enforced = true,
    string Visibility = "Public");
