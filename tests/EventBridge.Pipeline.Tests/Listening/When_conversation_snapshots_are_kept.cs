using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Listening;
using EventBridge.Pipeline.Reconciling;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Pipeline.Tests.Listening;

/// <summary>The snapshot cache that stands in for REST reads: fresh only while it can be trusted, never going backwards.</summary>
public sealed class When_conversation_snapshots_are_kept
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ReconcileSignal _gaps = new();
    private ConversationSnapshots _snapshots = null!;

    [SetUp]
    public void Create() => _snapshots = Create(capacity: 100);

    [Test]
    public void Should_stand_in_for_a_read_until_it_is_too_old()
    {
        _snapshots.Record(Snapshot("c-1", agentState: "connected"));
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.That(_snapshots.TryGetFresh("c-1"), Is.Not.Null);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.That(_snapshots.TryGetFresh("c-1"), Is.Null, "older than SnapshotMaxAge (5 min)");
    }

    [Test]
    public void Should_not_be_trusted_after_a_notification_gap_until_seen_again()
    {
        _snapshots.Record(Snapshot("c-1", agentState: "connected"));
        _gaps.Raise("socket dropped");
        Assert.That(_snapshots.TryGetFresh("c-1"), Is.Null, "events may have been missed in the gap");

        _snapshots.Record(Snapshot("c-1", agentState: "connected"));
        Assert.That(_snapshots.TryGetFresh("c-1"), Is.Not.Null, "a snapshot seen after the gap (a REST read, say) is trusted");
    }

    [Test]
    public void Should_keep_the_later_state_when_an_older_event_arrives_late()
    {
        _snapshots.Record(Snapshot("c-1", agentState: "disconnected", acwStarted: true));
        _snapshots.Record(Snapshot("c-1", agentState: "connected"));

        var kept = _snapshots.TryGetFresh("c-1")!;
        Assert.That(kept.Participants!.Single(p => p.Purpose == "agent").StartAcwTime, Is.Not.Null, "events may come out of order");
    }

    [Test]
    public async Task Should_wake_a_waiter_with_the_first_snapshot_that_shows_what_it_waits_for()
    {
        _snapshots.Record(Snapshot("c-1", agentState: "disconnected", acwStarted: true));
        var waiting = _snapshots.WaitForAsync("c-1", c => c.Participants!.Any(p => p.Wrapup is not null), TimeSpan.FromSeconds(3), CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False, "the kept snapshot shows no code yet");

        _snapshots.Record(Snapshot("c-1", agentState: "disconnected", acwStarted: true, code: "code-1"));

        var shown = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(shown!.Participants!.Single(p => p.Purpose == "agent").Wrapup!.Code, Is.EqualTo("code-1"));
    }

    [Test]
    public async Task Should_answer_null_when_nothing_shows_it_within_the_wait()
    {
        var waiting = _snapshots.WaitForAsync("c-1", _ => true, TimeSpan.FromSeconds(3), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.That(await waiting.WaitAsync(TimeSpan.FromSeconds(10)), Is.Null);
    }

    [Test]
    public void Should_hold_at_most_its_capacity_dropping_the_oldest()
    {
        _snapshots = Create(capacity: 10);
        for (var i = 0; i < 25; i++)
        {
            _snapshots.Record(Snapshot($"c-{i}", agentState: "connected"));
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_snapshots.Count, Is.LessThanOrEqualTo(10));
            Assert.That(_snapshots.TryGetFresh("c-24"), Is.Not.Null, "the newest stays");
            Assert.That(_snapshots.TryGetFresh("c-0"), Is.Null, "the oldest went");
        }
    }

    private ConversationSnapshots Create(int capacity) => new(_gaps,
        Options.Create(new WrapUpPipelineOptions { SnapshotCapacity = capacity, SnapshotMaxAge = TimeSpan.FromMinutes(5) }), _time);

    private Conversation Snapshot(string id, string agentState, bool acwStarted = false, string? code = null) => new()
    {
        Id = id,
        Participants =
        [
            new ConversationParticipant { Id = "customer", Purpose = "customer", Messages = [new MessageCommunication { Id = "m-c", State = "disconnected" }] },
            new ConversationParticipant
            {
                Id = "agent", Purpose = "agent", WrapupRequired = true,
                StartAcwTime = acwStarted ? _time.GetUtcNow() : null,
                Wrapup = code is null ? null : new Wrapup { Code = code },
                Messages = [new MessageCommunication { Id = "m-a", State = agentState }],
            },
        ],
    };
}
