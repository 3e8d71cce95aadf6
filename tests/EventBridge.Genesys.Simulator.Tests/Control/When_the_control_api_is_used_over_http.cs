using System.Net;
using System.Net.Http.Json;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Control;

public sealed class When_the_control_api_is_used_over_http
{
    [Test]
    public async Task Should_run_a_scenario_to_a_wrap_up_visible_in_the_oracle()
    {
        await using var sim = await GenesysSimulator.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.FromMilliseconds(10) });
        using var http = new HttpClient { BaseAddress = sim.BaseUri };

        using var run = await http.PostAsJsonAsync("sim/scenarios", new
        {
            steps = new object[]
            {
                new { action = "createConversation", wrapupPrompt = "mandatory" },
                new { action = "answer" },
                new { action = "customerEnds" },
                new { action = "waitFor", until = "acwPending" },
                new { action = "wrapup", code = "Escalated" },
            },
        });
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.OK), await run.Content.ReadAsStringAsync());

        using var oracleResponse = await http.GetAsync(new Uri("sim/oracle", UriKind.Relative));
        var oracle = await GenesysApi.ReadJsonAsync(oracleResponse);
        var wrapup = oracle.GetProperty("wrapups")[0];
        Assert.That(wrapup.GetProperty("codeId").GetString(), Is.EqualTo(SeedData.EscalatedCodeId));
        Assert.That(wrapup.GetProperty("via").GetString(), Is.EqualTo("agent"));
    }

    [Test]
    public async Task Should_create_a_conversation_and_log_api_requests_with_their_auth_kind()
    {
        await using var sim = await GenesysSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        using var created = await http.PostAsJsonAsync("sim/conversations", new { queueId = SeedData.DemoQueueId, agentUserId = SeedData.AgentTwoId });
        var ids = await GenesysApi.ReadJsonAsync(created);
        using var api = await GenesysApi.LoginAsync(sim.BaseUri);

        await api.GetJsonAsync($"api/v2/conversations/{ids.GetProperty("conversationId").GetString()}");

        var requests = sim.Control.ReadOracle().Requests;
        Assert.That(requests.Select(r => (r.Method, r.AuthKind)), Is.EqualTo(new[] { ("POST", "basic"), ("GET", "bearer") }));
    }

    [Test]
    public async Task Should_switch_options_at_run_time()
    {
        await using var sim = await GenesysSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };

        using var put = await http.PutAsJsonAsync("sim/options", new { wrapupOutsideAcw = "AcceptAndIgnore", rateLimitPerMinute = 5 });
        using var invalid = await http.PutAsJsonAsync("sim/options", new { rateLimitPerMinute = -1 });

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((sim.Control.Options.WrapupOutsideAcw, sim.Control.Options.RateLimitPerMinute),
            Is.EqualTo((WrapupOutsideAcwBehaviour.AcceptAndIgnore, 5)));
    }

    [Test]
    public async Task Should_switch_faults_over_http()
    {
        await using var sim = await GenesysSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        using var api = await GenesysApi.LoginAsync(sim.BaseUri);

        using var faults = await http.PutAsJsonAsync("sim/faults/notifications", new { dropShare = 0.5, heartbeatsStopped = true });
        using var burst = await http.PostAsJsonAsync("sim/faults/bursts", new { count = 1, status = 504 });
        using var invalid = await http.PutAsJsonAsync("sim/faults/notifications", new { dropShare = 2.0 });
        using var failed = await api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
        using var recovered = await api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");

        Assert.That((faults.StatusCode, burst.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(sim.Faults.Notifications, Is.EqualTo(new EventBridge.Genesys.Simulator.Faults.NotificationFaults { DropShare = 0.5, HeartbeatsStopped = true }));
        Assert.That((failed.StatusCode, recovered.StatusCode), Is.EqualTo((HttpStatusCode.GatewayTimeout, HttpStatusCode.OK)));
    }
}
