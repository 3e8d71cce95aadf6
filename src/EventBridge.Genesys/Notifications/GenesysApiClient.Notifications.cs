using System.Net;
using EventBridge.Genesys.Models;

namespace EventBridge.Genesys;

public sealed partial class GenesysApiClient
{
    /// <summary><c>POST /api/v2/notifications/channels</c>. Mind the 20-channel limit per OAuth client: the 21st evicts the oldest.</summary>
    public Task<Channel> CreateChannelAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v2/notifications/channels", null, GenesysJsonContext.Default.Channel, cancellationToken);

    /// <summary>
    /// <c>GET /api/v2/notifications/channels</c>: this token's channels, or with <paramref name="ofWholeOAuthClient"/>
    /// (<c>includechannels=oauthclient</c>) every channel the OAuth client holds, which is what the 20-channel limit counts.
    /// </summary>
    public Task<ChannelEntityListing> GetChannelsAsync(bool ofWholeOAuthClient, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v2/notifications/channels" + (ofWholeOAuthClient ? "?includechannels=oauthclient" : ""), null,
            GenesysJsonContext.Default.ChannelEntityListing, cancellationToken);

    /// <inheritdoc cref="GetChannelsAsync(bool, CancellationToken)"/>
    public Task<ChannelEntityListing> GetChannelsAsync(CancellationToken cancellationToken = default) => GetChannelsAsync(false, cancellationToken);

    /// <summary><c>HEAD /api/v2/notifications/channels/{id}</c>: true while alive, false once gone (404).</summary>
    public async Task<bool> ChannelExistsAsync(string channelId, CancellationToken cancellationToken = default)
    {
        using var response = await SendCheckedAsync(
            HttpMethod.Head, $"api/v2/notifications/channels/{Segment(channelId)}", null, cancellationToken, HttpStatusCode.NotFound);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    /// <summary><c>GET /api/v2/notifications/channels/{id}/subscriptions</c>.</summary>
    public Task<ChannelTopicEntityListing> GetSubscriptionsAsync(string channelId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, SubscriptionsPath(channelId, null), null,
            GenesysJsonContext.Default.ChannelTopicEntityListing, cancellationToken);

    /// <summary>
    /// <c>POST .../subscriptions</c>: adds topics. With <paramref name="ignoreErrors"/> Genesys reports refused topics
    /// as Rejected entities instead of failing the whole call.
    /// </summary>
    public Task<ChannelTopicEntityListing> AddSubscriptionsAsync(
        string channelId, IEnumerable<string> topics, bool ignoreErrors = true, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, SubscriptionsPath(channelId, ignoreErrors), Topics(topics),
            GenesysJsonContext.Default.ChannelTopicEntityListing, cancellationToken);

    /// <summary><c>PUT .../subscriptions</c>: replaces the whole topic list (and extends the channel's 24 h life).</summary>
    public Task<ChannelTopicEntityListing> ReplaceSubscriptionsAsync(
        string channelId, IEnumerable<string> topics, bool ignoreErrors = true, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, SubscriptionsPath(channelId, ignoreErrors), Topics(topics),
            GenesysJsonContext.Default.ChannelTopicEntityListing, cancellationToken);

    /// <summary><c>DELETE .../subscriptions</c>: removes all topics.</summary>
    public Task DeleteSubscriptionsAsync(string channelId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, SubscriptionsPath(channelId, null), null, cancellationToken);

    /// <summary>
    /// <c>GET /api/v2/notifications/availabletopics?expand=requiresPermissions&amp;expand=permissionDetails</c>: which topics
    /// this OAuth client may subscribe to (differs per org).
    /// </summary>
    public Task<AvailableTopicEntityListing> GetAvailableTopicsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/v2/notifications/availabletopics?expand=requiresPermissions&expand=permissionDetails", null,
            GenesysJsonContext.Default.AvailableTopicEntityListing, cancellationToken);

    private static string SubscriptionsPath(string channelId, bool? ignoreErrors) =>
        $"api/v2/notifications/channels/{Segment(channelId)}/subscriptions" + (ignoreErrors is true ? "?ignoreErrors=true" : "");

    private static ByteArrayContent Topics(IEnumerable<string> topics) =>
        Json<IReadOnlyList<TopicSubscription>>([.. topics.Select(t => new TopicSubscription(t))],
            GenesysJsonContext.Default.IReadOnlyListTopicSubscription);
}
