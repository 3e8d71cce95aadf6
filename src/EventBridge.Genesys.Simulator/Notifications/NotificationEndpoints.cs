using EventBridge.Genesys.Simulator.Auth;
using EventBridge.Genesys.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.Genesys.Simulator.Notifications;

/// <summary><c>/api/v2/notifications/...</c>: channels, subscriptions and the topic catalogue.</summary>
internal static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v2/notifications");
        api.MapPost("/channels", CreateChannel);
        api.MapGet("/channels", ListChannels);
        api.MapMethods("/channels/{channelId}", [HttpMethods.Head], (string channelId, HttpContext http, ChannelRegistry channels) =>
            channels.Find(channelId) is { } c && c.ClientId == ApiCaller.Get(http).ClientId ? Results.Ok() : Results.NotFound());
        api.MapGet("/channels/{channelId}/subscriptions", (string channelId, HttpContext http, ChannelRegistry channels) =>
            Json(new EntityListing<ChannelTopicDto>(channels.Topics(channelId, ApiCaller.Get(http).ClientId))));
        api.MapPost("/channels/{channelId}/subscriptions", (string channelId, HttpContext http, ChannelRegistry channels) =>
            SubscribeAsync(channelId, http, channels, replace: false));
        api.MapPut("/channels/{channelId}/subscriptions", (string channelId, HttpContext http, ChannelRegistry channels) =>
            SubscribeAsync(channelId, http, channels, replace: true));
        api.MapDelete("/channels/{channelId}/subscriptions", (string channelId, HttpContext http, ChannelRegistry channels) =>
        {
            channels.Unsubscribe(channelId, ApiCaller.Get(http).ClientId);
            return Results.NoContent();
        });
        api.MapGet("/availabletopics", () => Json(new EntityListing<AvailableTopicDto>(TopicValidator.Available)));
    }

    public static ChannelDto ToDto(NotificationChannel channel, HttpRequest request) =>
        new($"ws://{request.Host}/channels/{channel.Id}", channel.Id, SimulatorJson.Iso(channel.ExpiresAt)!);

    private static IResult CreateChannel(HttpContext http, ChannelRegistry channels)
    {
        var caller = ApiCaller.Get(http);
        return Json(ToDto(channels.Create(caller.ClientId, caller.Value), http.Request));
    }

    /// <summary><c>includechannels=token</c> (default) lists this token's channels, <c>oauthclient</c> the client's.</summary>
    private static IResult ListChannels(HttpContext http, ChannelRegistry channels, string? includechannels)
    {
        var caller = ApiCaller.Get(http);
        var byClient = string.Equals(includechannels, "oauthclient", StringComparison.OrdinalIgnoreCase);
        var list = channels.List(caller.ClientId, byClient ? null : caller.Value);
        return Json(new EntityListing<ChannelDto>([.. list.Select(c => ToDto(c, http.Request))]));
    }

    private static async Task<IResult> SubscribeAsync(string channelId, HttpContext http, ChannelRegistry channels, bool replace)
    {
        var items = await RequestBody.ReadAsync<List<SubscriptionRequestItem>>(http.Request);
        var ignoreErrors = bool.TryParse(http.Request.Query["ignoreErrors"], out var ignore) && ignore;
        var result = channels.Subscribe(channelId, ApiCaller.Get(http).ClientId, items.Select(i => i.Id), replace, ignoreErrors);
        return Json(new EntityListing<ChannelTopicDto>(result));
    }

    private static IResult Json(object value) => Results.Json(value, SimulatorJson.Options);
}
