using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.Genesys.Simulator.Notifications;

/// <summary><c>ws://host/channels/{id}</c>: the channel id is the only credential, as on streaming.&lt;domain&gt;.</summary>
internal static class ChannelSocketEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.Map("/channels/{channelId}", ConnectAsync);

    private static async Task ConnectAsync(string channelId, HttpContext http, ChannelRegistry channels)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (channels.Find(channelId) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var webSocket = await http.WebSockets.AcceptWebSocketAsync();
        var socket = channels.Attach(channelId, webSocket);
        if (socket is null)
            return;
        try
        {
            await socket.RunAsync(http.RequestAborted);
        }
        finally
        {
            channels.Detach(channelId, socket);
        }
    }
}
