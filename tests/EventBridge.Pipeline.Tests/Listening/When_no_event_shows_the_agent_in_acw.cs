using EventBridge.Pipeline.Applying;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Pipeline.Tests.Listening;

/// <summary>
/// The customer left and the agent's ACW event never came (notifications are best effort): one read follows after
/// <c>AcwExpectedWithin</c>, never before it, never twice, and none when an event or another path settled the intent.
/// </summary>
public sealed class When_no_event_shows_the_agent_in_acw
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(3);

    private FakeTimeProvider _time = null!;
    private RecordingSendEndpoint _bus = null!;
    private PendingIntentIndex _index = null!;
    private AcwFollowUps _followUps = null!;

    [SetUp]
    public void Start()
    {
        _time = new FakeTimeProvider(TestIntents.Now);
        _bus = new RecordingSendEndpoint();
        _index = new PendingIntentIndex();
        _followUps = new AcwFollowUps(new SettleRequests(_bus), _index, Options.Create(new WrapUpPipelineOptions { AcwExpectedWithin = Within }),
            _time, NullLogger<AcwFollowUps>.Instance);
    }

    [TearDown]
    public void Stop() => _followUps.Dispose();

    [Test]
    public async Task Should_read_the_conversation_once_after_the_expected_time()
    {
        var intent = Open("conv-1");
        _followUps.Expect(intent.IntentId, intent.ConversationId);

        _time.Advance(Within - TimeSpan.FromMilliseconds(1));
        await _followUps.SendDueAsync(CancellationToken.None);
        var beforeDue = _bus.Sent.Count;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _followUps.SendDueAsync(CancellationToken.None);
        _followUps.Expect(intent.IntentId, intent.ConversationId);
        _time.Advance(Within * 10);
        await _followUps.SendDueAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeDue, Is.Zero, "an event has until AcwExpectedWithin to arrive");
            Assert.That(_bus.Sent.Cast<SettleWrapUpIntent>().Select(s => (s.IntentId, s.ConversationId, s.Trigger)),
                Is.EqualTo(new[] { (intent.IntentId, intent.ConversationId, SettleTriggers.AcwExpected) }),
                "one read, even though a later event expected ACW again: an agent who stays connected costs one request");
            Assert.That(_followUps.Sent, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Should_not_read_when_an_event_settled_the_intent_in_time()
    {
        var intent = Open("conv-1");
        _followUps.Expect(intent.IntentId, intent.ConversationId);
        _time.Advance(Within / 2);
        _followUps.Settled(intent.IntentId);

        _time.Advance(Within * 2);
        await _followUps.SendDueAsync(CancellationToken.None);

        Assert.That(_bus.Sent, Is.Empty);
    }

    [Test]
    public async Task Should_not_read_for_an_intent_another_path_has_already_finished()
    {
        var finished = Open("conv-1");
        var waiting = Open("conv-2");
        _followUps.Expect(finished.IntentId, finished.ConversationId);
        _followUps.Expect(waiting.IntentId, waiting.ConversationId);
        _index.Remove(finished.ConversationId, finished.IntentId);

        _time.Advance(Within);
        await _followUps.SendDueAsync(CancellationToken.None);

        Assert.That(_bus.Sent.Cast<SettleWrapUpIntent>().Select(s => s.IntentId), Is.EqualTo(new[] { waiting.IntentId }),
            "a final intent needs no request; the open one still gets its read");
    }

    private EventBridge.Pipeline.Storage.StoredIntent Open(string conversationId)
    {
        var intent = TestIntents.Pending(conversationId);
        _index.Add(intent);
        return intent;
    }
}
