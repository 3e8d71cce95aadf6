using System.Net.Http.Json;
using System.Text.Json;
using EventBridge.Contracts;

namespace EventBridge.Worker.Tests.NodeGateway;

/// <summary>
/// examples/node-gateway end to end: a GraphQL mutation → raw JSON intent over AMQP → the real worker process (embedded
/// simulator) disconnects the agent and applies the code in ACW → the outcome event → the mutation's answer.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class When_the_node_gateway_terminates_a_conversation
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private const string Mutation =
        "mutation($id: ID!, $code: String, $notes: String) { terminateConversation(id: $id, wrapUpCode: $code, notes: $notes) " +
        "{ intentId status reason appliedVia wrapUpCode } }";

    private GatewayStack _stack = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _http = new HttpClient { Timeout = Patience };
        _stack = await GatewayStack.StartAsync();
        await TestContext.Progress.WriteLineAsync("node gateway stack started: " + string.Join(", ", _stack.Timings));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http?.Dispose();
        if (_stack is not null) await _stack.DisposeAsync();
    }

    [TearDown]
    public async Task ShowOutputOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            await TestContext.Out.WriteLineAsync(_stack.Output());
    }

    [Test]
    public async Task Should_return_applied_once_the_agent_wraps_up()
    {
        var conversation = await CreateAnsweredConversationAsync();
        var conversationId = conversation.GetProperty("conversationId").GetString()!;
        var agentParticipantId = conversation.GetProperty("agentParticipantId").GetString()!;

        var mutation = TerminateAsync(conversationId, "QA_Review", "resolved in chat");
        // EventBridge itself disconnects the agent (disconnect: true); the default ACW is mandatory, so the code lands at once.
        await Eventually.GetAsync(async () => await AgentAsync(conversationId) is { } agent
                && agent.GetProperty("state").GetString() == "disconnected" ? "disconnected" : null,
            Patience, $"EventBridge to disconnect the agent of {conversationId} (process output follows the failure)");
        var result = await mutation.WaitAsync(Patience);

        var wrapups = await OracleWrapupsAsync(conversationId);
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("APPLIED"), $"{result}\n{_stack.Output()}");
            Assert.That(Guid.TryParse(result.GetProperty("intentId").GetString(), out _), Is.True, "intentId is a fresh GUID");
            // The first user's case: the org refuses the per-communication call to a client-credentials token (the
            // simulator's default), EventBridge falls back and says which call worked.
            Assert.That(result.GetProperty("appliedVia").GetString(), Is.EqualTo(WrapUpCalls.ParticipantPatch));
            Assert.That(result.GetProperty("wrapUpCode").GetString(), Is.EqualTo("QA_Review"));
            Assert.That(result.GetProperty("reason").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(wrapups, Has.Count.EqualTo(1), "exactly one wrap-up reached Genesys");
        });
        Assert.Multiple(() =>
        {
            Assert.That(wrapups[0].GetProperty("codeName").GetString(), Is.EqualTo("QA_Review"));
            Assert.That(wrapups[0].GetProperty("participantId").GetString(), Is.EqualTo(agentParticipantId));
            Assert.That(wrapups[0].GetProperty("via").GetString(), Is.EqualTo("participantPatch"), "the call that worked is the one Genesys recorded");
            Assert.That(wrapups[0].GetProperty("notes").GetString(), Is.EqualTo("resolved in chat"));
        });
    }

    [Test]
    public async Task Should_return_failed_invalid_code_without_disconnecting_the_agent()
    {
        var conversation = await CreateAnsweredConversationAsync();
        var conversationId = conversation.GetProperty("conversationId").GetString()!;

        var result = await TerminateAsync(conversationId, "No_Such_Code", null).WaitAsync(Patience);

        var agent = await AgentAsync(conversationId);
        var wrapups = await OracleWrapupsAsync(conversationId);
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("FAILED"), $"{result}\n{_stack.Output()}");
            Assert.That(result.GetProperty("reason").GetString(), Is.EqualTo(WrapUpFailureReasons.InvalidCode));
            Assert.That(result.GetProperty("wrapUpCode").GetString(), Is.EqualTo("No_Such_Code"));
            Assert.That(agent?.GetProperty("state").GetString(), Is.EqualTo("connected"), "an intent that cannot succeed must not end the agent's leg");
            Assert.That(wrapups, Is.Empty, "no wrap-up reached Genesys");
        });
    }

    private async Task<JsonElement> TerminateAsync(string conversationId, string code, string? notes)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_stack.GatewayUrl, "/graphql"),
            new { query = Mutation, variables = new { id = conversationId, code, notes } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"POST /graphql answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("errors", out var errors))
            Assert.Fail($"GraphQL errors: {errors}\n{_stack.Output()}");
        return document.RootElement.GetProperty("data").GetProperty("terminateConversation").Clone();
    }

    private async Task<JsonElement> CreateAnsweredConversationAsync()
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_stack.SimulatorUrl, "/sim/conversations"), new { answer = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private async Task<JsonElement?> AgentAsync(string conversationId)
    {
        var conversation = await _http.GetFromJsonAsync<JsonElement>(new Uri(_stack.SimulatorUrl, $"/sim/conversations/{conversationId}"));
        return conversation.GetProperty("participants").EnumerateArray()
            .Where(p => p.GetProperty("purpose").GetString() == "agent").Select(p => (JsonElement?)p.Clone()).LastOrDefault();
    }

    private async Task<List<JsonElement>> OracleWrapupsAsync(string conversationId)
    {
        var oracle = await _http.GetFromJsonAsync<JsonElement>(new Uri(_stack.SimulatorUrl, "/sim/oracle"));
        return [.. oracle.GetProperty("wrapups").EnumerateArray()
            .Where(w => w.GetProperty("conversationId").GetString() == conversationId).Select(w => w.Clone())];
    }
}
