using System.Net;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Faults;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;

namespace EventBridge.Genesys.Simulator.Tests.Faults;

// These tests are about the per-communication wrap-up call itself: the org allows it (the simulator's default refuses it).
public sealed class When_faults_are_injected
{
    private static readonly string QueueTopic = $"v2.routing.queues.{SeedData.DemoQueueId}.conversations";
    private SimulatorSession _s = null!;
    private NotificationSocket _socket = null!;

    [SetUp]
    public async Task Start()
    {
        _s = await SimulatorSession.StartAsync(new SimulatorOptions { CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow });
        var channel = await _s.Api.CreateChannelAsync();
        await _s.Api.SubscribeAsync(channel.GetProperty("id").GetString()!, QueueTopic);
        _socket = await NotificationSocket.ConnectAsync(channel.GetProperty("connectUri").GetString()!);
    }

    [TearDown]
    public async Task Stop()
    {
        await _socket.DisposeAsync();
        await _s.DisposeAsync();
    }

    [Test]
    public async Task Should_deliver_nothing_when_every_notification_is_dropped()
    {
        _s.Sim.Faults.SetNotificationFaults(new NotificationFaults { DropShare = 1.0 });

        _s.Sim.Control.CreateConversation(new CreateConversationRequest());
        await _socket.FlushAsync();

        Assert.That(_socket.FramesOn(QueueTopic), Is.Empty);
    }

    [Test]
    public async Task Should_deliver_everything_twice_when_every_notification_is_duplicated()
    {
        _s.Sim.Faults.SetNotificationFaults(new NotificationFaults { DuplicateShare = 1.0 });

        _s.Sim.Control.CreateConversation(new CreateConversationRequest());
        await _socket.FlushAsync();

        var frames = _socket.FramesOn(QueueTopic);
        Assert.That(frames, Has.Count.EqualTo(2));
        Assert.That(frames[0].GetProperty("metadata").GetProperty("CorrelationId").GetString(),
            Is.EqualTo(frames[1].GetProperty("metadata").GetProperty("CorrelationId").GetString()));
    }

    [Test]
    public async Task Should_swap_neighbours_when_every_notification_is_reordered()
    {
        _s.Sim.Faults.SetNotificationFaults(new NotificationFaults { ReorderShare = 1.0 });
        var created = _s.Sim.Control.CreateConversation(new CreateConversationRequest());

        _s.Sim.Control.AgentAnswers(created.ConversationId);
        await _socket.FlushAsync();

        var states = _socket.FramesOn(QueueTopic).Select(f => f.GetProperty("eventBody").GetProperty("participants").EnumerateArray()
            .Single(p => p.GetProperty("purpose").GetString() == "agent").GetProperty("messages")[0].GetProperty("state").GetString());
        Assert.That(states, Is.EqualTo(new[] { "connected", "alerting" }));
    }

    [Test]
    public async Task Should_hold_a_wrap_up_call_and_then_handle_it()
    {
        var created = await _s.ConversationInAcwAsync();
        _s.Sim.Faults.HoldWrapUps(new WrapUpHold(1, TimeSpan.FromMilliseconds(300)));

        var call = _s.Api.SendAsync(HttpMethod.Post, SimulatorSession.WrapupPath(created), new { code = SeedData.QaReviewCodeId });
        await Eventually(() => _s.Sim.Faults.WrapUpHolds().HeldNow == 1, "the call held");
        Assert.That(_s.Sim.Control.ReadOracle().Wrapups, Is.Empty, "not handled while held");
        using var answer = await call;

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(_s.Sim.Faults.WrapUpHolds(), Is.EqualTo(new WrapUpHoldState(0, 0, 1, 0)));
        Assert.That(_s.Sim.Control.ReadOracle().Wrapups, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Should_leave_no_effect_when_the_client_gives_up_on_a_held_wrap_up_call()
    {
        var created = await _s.ConversationInAcwAsync();
        _s.Sim.Faults.HoldWrapUps(new WrapUpHold(1, TimeSpan.FromSeconds(30)));
        using var impatient = new HttpClient { BaseAddress = _s.Sim.BaseUri, Timeout = TimeSpan.FromMilliseconds(300) };
        impatient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _s.Api.Token);

        Assert.CatchAsync<TaskCanceledException>(() => impatient.PostAsync(SimulatorSession.WrapupPath(created),
            new StringContent($$"""{"code":"{{SeedData.QaReviewCodeId}}"}""", System.Text.Encoding.UTF8, "application/json")));
        await Eventually(() => _s.Sim.Faults.WrapUpHolds().Abandoned == 1, "the held call abandoned");

        Assert.That(_s.Sim.Control.ReadOracle().Wrapups, Is.Empty, "a call its client gave up on was never handled");
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    [TestCase(503)]
    [TestCase(502)]
    [TestCase(429)]
    public async Task Should_answer_the_next_calls_of_a_burst_with_its_status(int status)
    {
        _s.Sim.Faults.AddBurst(new ErrorBurst(2, status, "/api/v2/routing"));

        using var other = await _s.Api.SendAsync(HttpMethod.Get, "api/v2/notifications/availabletopics");
        using var first = await _s.Api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
        using var second = await _s.Api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");
        using var third = await _s.Api.SendAsync(HttpMethod.Get, "api/v2/routing/wrapupcodes");

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)first.StatusCode, Is.EqualTo(status));
        Assert.That((int)second.StatusCode, Is.EqualTo(status));
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_s.Sim.Control.ReadOracle().RefusedCalls.Count(r => r.Status == status), Is.EqualTo(2));
    }

    [Test]
    public async Task Should_close_every_socket_on_demand_and_keep_the_channel()
    {
        Assert.That(_s.Sim.Control.CloseAllSockets(), Is.EqualTo(1));

        await _socket.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var channelId = _s.Sim.Control.Channels().Single().Id;
        using var head = await _s.Api.SendAsync(HttpMethod.Head, $"api/v2/notifications/channels/{channelId}");
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
