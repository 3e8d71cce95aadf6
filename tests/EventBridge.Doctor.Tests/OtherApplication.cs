using System.Net.Http.Headers;
using System.Text;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Doctor.Tests;

/// <summary>Another application on the same OAuth client, as Genesys sees it: its own token, its own channels.</summary>
internal static class OtherApplication
{
    public static async Task OpensChannelsAsync(GenesysSimulator simulator, int count)
    {
        using var http = new HttpClient { BaseAddress = simulator.BaseUri };
        using var login = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        login.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OAuthClientOptions.DemoClientId}:{OAuthClientOptions.DemoClientSecret}")));
        using var answer = await http.SendAsync(login);
        answer.EnsureSuccessStatusCode();
        using var token = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        for (var i = 0; i < count; i++)
            (await http.PostAsync("api/v2/notifications/channels", null)).EnsureSuccessStatusCode();
    }
}
