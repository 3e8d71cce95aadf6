using System.Net.Http.Json;
using System.Text.Json;

namespace EventBridge.Demo;

/// <summary>The embedded simulator's control API (/sim): plays the agents and the customers of the demo.</summary>
public sealed class SimulatorControlClient(HttpClient http)
{
    public const string DemoQueueId = "5b1e7c2a-3f4d-4e8a-9c1b-2d3e4f5a6b7c";
    public const string SecondAgentId = "a1a1a1a1-0000-4000-8000-000000000002";

    public async Task<string> CreateAnsweredConversationAsync(CancellationToken ct)
    {
        var created = await PostAsync("sim/conversations", new { queueId = DemoQueueId, answer = true }, ct);
        return created.GetProperty("conversationId").GetString()!;
    }

    public Task CustomerEndsAsync(string conversationId, CancellationToken ct) => PostAsync($"sim/conversations/{conversationId}/customer-ends", new { }, ct);

    public Task AgentWrapsUpAsync(string conversationId, string code, CancellationToken ct) =>
        PostAsync($"sim/conversations/{conversationId}/wrapup", new { code }, ct);

    public async Task<string> TransferAsync(string conversationId, string toUserId, CancellationToken ct) =>
        (await PostAsync($"sim/conversations/{conversationId}/transfer", new { toUserId }, ct)).GetProperty("participantId").GetString()!;

    public Task AnswerAsync(string conversationId, string participantId, CancellationToken ct) =>
        PostAsync($"sim/conversations/{conversationId}/answer", new { participantId }, ct);

    /// <summary>Waits (bounded) until the conversation's agent is in after-call work.</summary>
    public async Task UntilAcwPendingAsync(string conversationId, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (!(await ConversationAsync(conversationId, ct)).GetProperty("participants").EnumerateArray()
                   .Any(p => p.GetProperty("purpose").GetString() == "agent" && p.GetProperty("acwState").GetString() == "pending"))
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"The agent of conversation {conversationId} never entered after-call work.");
            await Task.Delay(50, ct);
        }
    }

    public async Task<JsonElement> ConversationAsync(string conversationId, CancellationToken ct) =>
        await http.GetFromJsonAsync<JsonElement>($"sim/conversations/{conversationId}", ct);

    public async Task<JsonElement> OracleAsync(CancellationToken ct) => await http.GetFromJsonAsync<JsonElement>("sim/oracle", ct);

    private async Task<JsonElement> PostAsync(string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Simulator control call {path} failed with {(int)response.StatusCode}: {text}");
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
