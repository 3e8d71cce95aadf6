using EventBridge.Genesys.Simulator.Hosting;
using System.Diagnostics.Metrics;
using EventBridge.Contracts;
using EventBridge.Pipeline.Observability;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Observability;

/// <summary>What operators see of a real flow (broker, store, simulator): the EventBridge meter and the attempt journal.</summary>
[TestFixture]
public sealed class When_an_intent_is_handled : PipelineTest
{
    // These tests count and name the calls of the path: the org allows the per-communication wrap-up call here.
    protected override Task<PipelineHost> StartAsync() => PipelineHost.StartAsync(new SimulatorOptions
    {
        DisconnectDelay = TimeSpan.FromMilliseconds(50),
        CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
    });

    private MeterReadings _readings = null!;

    [SetUp]
    public void Listen() => _readings = new MeterReadings(Pipeline.Services.GetRequiredService<IMeterFactory>());

    [TearDown]
    public void StopListening() => _readings.Dispose();

    [Test]
    public async Task Should_count_it_and_time_its_apply_from_after_call_work()
    {
        var sim = Pipeline.Simulator;
        var conversation = sim.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId);

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.UntilAcceptedAsync(intent.IntentId);
        var pendingWhileWaiting = _readings.Gauge(WrapUpMetrics.PendingIntentsName);
        sim.Control.CustomerEnds(conversation.ConversationId);
        var applied = await Pipeline.Outcomes.AppliedAsync(intent.IntentId);
        // The index lets go of the intent just after its outcome is published.
        await Eventually.TrueAsync(() => _readings.Gauge(WrapUpMetrics.PendingIntentsName) == 0, Scenarios.Patience, "no pending intent left");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_readings.Counter(WrapUpMetrics.IntentsName, ("outcome", "accepted")), Is.EqualTo(1));
            Assert.That(_readings.Counter(WrapUpMetrics.IntentsName, ("outcome", "applied")), Is.EqualTo(1));
            Assert.That(_readings.Histogram(WrapUpMetrics.ApplyLatencyName), Has.Count.EqualTo(1));
            Assert.That(_readings.Histogram(WrapUpMetrics.ApplyLatencyName).Single(), Is.EqualTo(applied.Latency.TotalSeconds).Within(1e-6),
                "the histogram times what WrapUpApplied reports");
            Assert.That(_readings.Counter(WrapUpMetrics.NotificationsReceivedName), Is.GreaterThan(0), "the ACW event came as a notification");
            Assert.That(pendingWhileWaiting, Is.EqualTo(1));
            Assert.That(_readings.Gauge(WrapUpMetrics.ChannelsConnectedName), Is.GreaterThanOrEqualTo(1));
            Assert.That(_readings.Gauge(WrapUpMetrics.ChannelReconnectsName), Is.Not.Null);
            Assert.That(_readings.Gauge(WrapUpMetrics.ChannelReplacementsName), Is.Not.Null);
            Assert.That(_readings.Gauge(WrapUpMetrics.RateBudgetLimitName), Is.EqualTo(240), "Genesys:RequestsPerMinute by default");
            Assert.That(_readings.Gauge(WrapUpMetrics.RateBudgetRemainingName), Is.InRange(0, 240));
        }
    }

    [Test]
    public async Task Should_count_a_failure_by_its_reason()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "No_Such_Code");

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.FailedAsync(intent.IntentId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_readings.Counter(WrapUpMetrics.IntentsName, ("outcome", "failed"), ("reason", WrapUpFailureReasons.InvalidCode)), Is.EqualTo(1));
            Assert.That(_readings.Counter(WrapUpMetrics.IntentsName, ("outcome", "applied")), Is.Zero);
            Assert.That(_readings.Counter(WrapUpMetrics.IntentsName, ("outcome", "accepted")), Is.Zero);
        }
    }

    [Test]
    public async Task Should_count_malformed_and_superseded_intents_as_failures_with_their_reasons()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var older = Scenarios.IntentFor(conversation.ConversationId, "Resolved");
        var newer = Scenarios.IntentFor(conversation.ConversationId, "QA_Review");
        var malformed = Scenarios.IntentFor(conversation.ConversationId) with { WrapUpCode = "" };

        await Pipeline.PublishAsync(older);
        await Pipeline.Outcomes.UntilAcceptedAsync(older.IntentId);
        await Pipeline.PublishAsync(newer);
        await Pipeline.Outcomes.FailedAsync(older.IntentId);
        await Pipeline.PublishAsync(malformed);
        await Pipeline.Outcomes.FailedAsync(malformed.IntentId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_readings.Counter(WrapUpMetrics.IntentsName, ("outcome", "failed"), ("reason", WrapUpFailureReasons.Superseded)), Is.EqualTo(1));
            Assert.That(_readings.Counter(WrapUpMetrics.IntentsName, ("outcome", "failed"), ("reason", WrapUpFailureReasons.RejectedAsMalformed)), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_journal_the_disconnect_the_wrap_up_and_its_confirmation()
    {
        var conversation = Pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, "Resolved", disconnect: true);

        await Pipeline.PublishAsync(intent);
        await Pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var attempts = await Pipeline.Services.GetRequiredService<IIntentAttemptJournal>().GetAsync(intent.IntentId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempts.Select(a => (a.Action, a.Outcome)), Is.EqualTo(new[]
            {
                (IntentAttempt.Disconnect, IntentAttempt.Ok),
                (IntentAttempt.WrapUp(WrapUpCalls.CommunicationWrapup), IntentAttempt.Ok),
                (IntentAttempt.Confirm, IntentAttempt.Ok),
            }));
            Assert.That(attempts.Select(a => a.At), Is.Ordered);
            Assert.That(attempts, Has.All.Matches<IntentAttempt>(a => a.IntentId == intent.IntentId && a.HttpStatus == null && a.Detail.Length > 0));
            Assert.That(attempts.Select(a => a.Detail), Has.None.Contains("Bearer").And.None.Contains("access_token"));
        }
    }
}
