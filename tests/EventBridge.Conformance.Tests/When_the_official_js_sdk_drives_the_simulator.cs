using System.Text.Json;
using EventBridge.Conformance.Tests.Support;
using EventBridge.Genesys.Simulator.Oracle;

namespace EventBridge.Conformance.Tests;

/// <summary>
/// The official Genesys JS SDK (purecloud-platform-client-v2, pinned in sdk-driver/package-lock.json) runs the calls
/// EventBridge depends on against the simulator. If the SDK accepts every answer and the oracle shows the effect, the
/// simulator speaks Genesys as the SDK understands it, and tests that trust the simulator trust something real.
/// The driver runs once; each test judges one aspect of that run.
/// </summary>
public sealed partial class When_the_official_js_sdk_drives_the_simulator
{
    private ConformanceScene _scene = null!;
    private ConversationInAcw _a = null!;
    private ConversationInAcw _b = null!;
    private ConversationInAcw _c = null!;
    private ConversationInAcw _d = null!;
    private string _clientChannel = null!;
    private DriverOutput _output = null!;
    private OracleSnapshot _oracle = null!;
    private SdkDeclarations _sdk = null!;

    [OneTimeSetUp]
    public async Task Drive_the_simulator_with_the_sdk()
    {
        // Node and the SDK first: without them there is nothing to start a simulator for.
        var driver = await NodeSdkDriver.PrepareAsync();
        _sdk = SdkDeclarations.Load(driver.PackageDirectory);
        _scene = await ConformanceScene.StartAsync();
        try
        {
            _a = await _scene.ConversationInAcwAsync(customerEnds: true);
            _b = await _scene.ConversationInAcwAsync(customerEnds: false);
            _output = await driver.RunAsync(_scene.PlanFor(_a, _b));
            // Then the same calls with our C# client, on conversations of its own: a participant wraps up only once.
            _c = await _scene.ConversationInAcwAsync(customerEnds: true);
            _d = await _scene.ConversationInAcwAsync(customerEnds: false);
            _clientChannel = await CSharpClientCalls.RunAsync(_scene, _c, _d, _scene.DisconnectTargets());
            // A snapshot now, so what other tests do with the simulator later cannot change what these tests see.
            _oracle = _scene.Simulator.Control.ReadOracle();
        }
        catch
        {
            // NUnit does not promise OneTimeTearDown after a failed OneTimeSetUp; the port must not leak.
            await _scene.DisposeAsync();
            _scene = null!;
            throw;
        }
    }

    [OneTimeTearDown]
    public async Task Stop_the_simulator()
    {
        if (_scene is not null)
            await _scene.DisposeAsync();
    }

    [Test]
    public void Should_log_in_with_client_credentials_through_the_gateway()
    {
        var login = Step("login");

        Assert.That(login.Ok, Is.True, Describe(login));
        Assert.That(login.Summary.GetProperty("hasAccessToken").GetBoolean(), Is.True);
        // The SDK turns expires_in into an expiry time of its own; a wrong or missing expires_in would show here.
        var lifetime = new Genesys.Simulator.Hosting.SimulatorOptions().TokenLifetimeSeconds;
        Assert.That(login.Summary.GetProperty("expiresInSeconds").GetInt32(), Is.InRange(lifetime - 60, lifetime));
        // The driver ran before the C# client logged in: the first token request is the SDK's.
        var tokenRequest = _oracle.Requests.First(r => r.Path == "/oauth/token");
        Assert.That((tokenRequest.Method, tokenRequest.AuthKind, tokenRequest.Status), Is.EqualTo(("POST", "basic", 200)));
        Assert.That(_oracle.Requests.Where(r => r.Path.StartsWith("/api/v2/", StringComparison.Ordinal)).Select(r => r.AuthKind),
            Is.All.EqualTo("bearer"));
        Assert.That(_output.Process.StandardOutput + _output.Process.StandardError, Does.Not.Contain(ConformanceScene.ClientSecret));
    }

    [Test]
    public void Should_accept_every_answer()
    {
        var expected = new Dictionary<string, int?>
        {
            ["login"] = null, ["createChannel"] = 200, ["putSubscriptions"] = 200, ["postSubscriptions"] = 200,
            ["getSubscriptions"] = 200, ["headChannel"] = 200, ["getChannels"] = 200, ["getAvailableTopics"] = 200,
            ["getConversation"] = 200, ["getMessageConversation"] = 200, ["getParticipantWrapupCodes"] = 200,
            ["findWrapupCodeByName"] = 200, ["getQueueWrapupCodes"] = 200, ["postCommunicationWrapup"] = 204,
            ["patchParticipantWrapup"] = 202, ["getWrapupCode"] = 200, ["getQueues"] = 200, ["getQueue"] = 200, ["patchConversationDisconnect"] = 200,
            ["patchParticipantDisconnect"] = 202, ["patchGenericParticipantDisconnect"] = 202, ["postRecoveryDisconnect"] = 202,
            ["deleteConversation"] = 202, ["deleteSubscriptions"] = 204,
        };
        var answered = _output.Steps.Where(s => s.Step != "getUnknownConversation").ToList();

        Assert.That(answered.Where(s => !s.Ok).Select(Describe), Is.Empty);
        Assert.That(answered.ToDictionary(s => s.Step, s => s.Status), Is.EquivalentTo(expected));
        Assert.That(_oracle.RefusedCalls.Select(c => $"{c.Method} {c.Path}"),
            Is.EqualTo(new[] { $"GET /api/v2/conversations/{ConformanceScene.UnknownConversationId}" }));
    }

    [Test]
    public void Should_reject_unknown_conversations_with_a_genesys_error_body()
    {
        var unknown = Step("getUnknownConversation");
        var body = unknown.Summary.GetProperty("body");

        Assert.That((unknown.Ok, unknown.Status), Is.EqualTo((false, (int?)404)));
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("conversation.error.conversation.not.found"));
        Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo(404));
        Assert.That(body.GetProperty("message").GetString(), Does.Contain(ConformanceScene.UnknownConversationId));
        Assert.That(body.GetProperty("contextId").GetString(), Is.Not.Empty);
        Assert.That(body.GetProperty("messageWithParams").ValueKind, Is.EqualTo(JsonValueKind.String));
    }

    private DriverStep Step(string name) => _output.Step(name);

    private static string Describe(DriverStep step) => $"{step.Step}: ok={step.Ok} status={step.Status} summary={step.Summary}";

    private static string[] Values(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? "")];

    private static string[] Values(JsonElement array, string property) =>
        [.. array.EnumerateArray().Select(e => e.GetProperty(property).GetString() ?? "")];
}
