using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;

namespace EventBridge.Bench;

/// <summary>
/// Real generic-topic frames as the simulator sends them: a raw WebSocket client subscribes the demo queue topic and
/// records every frame while conversations are created, answered, ended (ACW) and wrapped up.
/// </summary>
internal static class IngestCorpus
{
    public static async Task<IReadOnlyList<string>> CaptureAsync(int conversations)
    {
        await using var simulator = await GenesysSimulator.StartAsync(new SimulatorOptions { RateLimitPerMinute = 0, DisconnectDelay = TimeSpan.Zero });
        using var http = new HttpClient { BaseAddress = simulator.BaseUri };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OAuthClientOptions.DemoClientId}:{OAuthClientOptions.DemoClientSecret}"));
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var tokenResponse = await http.SendAsync(tokenRequest);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var channelResponse = await http.PostAsync("api/v2/notifications/channels", null);
        var channel = await channelResponse.Content.ReadFromJsonAsync<JsonElement>();
        var topic = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
        using var subscribe = await http.PutAsJsonAsync($"api/v2/notifications/channels/{channel.GetProperty("id").GetString()}/subscriptions",
            new[] { new { id = topic } });
        subscribe.EnsureSuccessStatusCode();

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(channel.GetProperty("connectUri").GetString()!), CancellationToken.None);
        var frames = new List<string>();
        var reading = ReadAsync(socket, topic, frames);

        for (var i = 0; i < conversations; i++)
        {
            var created = simulator.Control.CreateConversation(new CreateConversationRequest { QueueId = SeedData.DemoQueueId, Answer = true });
            simulator.Control.CustomerEnds(created.ConversationId);
            if (i % 2 == 0) simulator.Control.AgentWrapsUp(created.ConversationId, "Resolved");
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (frames)
                if (frames.Count >= conversations * 3) break;
            await Task.Delay(50);
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await Task.WhenAny(reading, Task.Delay(2000));
        lock (frames)
            return frames.Count > 0 ? [.. frames] : throw new InvalidOperationException("The simulator sent no conversation frames.");
    }

    private static async Task ReadAsync(ClientWebSocket socket, string topic, List<string> frames)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) return;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                if (text.Contains(topic, StringComparison.Ordinal))
                    lock (frames)
                        frames.Add(text);
            }
        }
        catch (WebSocketException)
        {
            // The simulator closing the socket at shutdown ends the capture.
        }
    }
}
