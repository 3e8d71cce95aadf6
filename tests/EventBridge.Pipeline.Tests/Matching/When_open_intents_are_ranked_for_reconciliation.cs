using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Matching;

namespace EventBridge.Pipeline.Tests.Matching;

/// <summary>One snapshot in, one urgency out: the soonest ACW clock is read first after a gap.</summary>
public sealed class When_open_intents_are_ranked_for_reconciliation
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Should_rank_a_running_acw_clock_by_the_time_it_has_left()
    {
        var started = Agent(timeoutMs: 10_000, startAcw: Now.AddSeconds(-7));

        Assert.That(ReconcileUrgency.Of(started, Now), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Should_rank_an_agent_not_yet_in_acw_by_its_whole_timeout()
    {
        Assert.That(ReconcileUrgency.Of(Agent(timeoutMs: 5_000, startAcw: null), Now), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Should_rank_the_last_agent_of_a_transfer()
    {
        var transferred = new Conversation
        {
            Id = "c1",
            Participants =
            [
                new ConversationParticipant { Id = "first", Purpose = "agent", WrapupTimeoutMs = 60_000 },
                new ConversationParticipant { Id = "customer", Purpose = "customer" },
                new ConversationParticipant { Id = "second", Purpose = "agent", WrapupTimeoutMs = 8_000 },
            ],
        };

        Assert.That(ReconcileUrgency.Of(transferred, Now), Is.EqualTo(TimeSpan.FromSeconds(8)));
    }

    [TestCase(null)]
    [TestCase(0L)]
    public void Should_rank_an_agent_without_a_known_timeout_last(long? timeoutMs)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReconcileUrgency.Of(Agent(timeoutMs, startAcw: Now), Now), Is.EqualTo(TimeSpan.MaxValue));
            Assert.That(ReconcileUrgency.Of(null, Now), Is.EqualTo(TimeSpan.MaxValue), "no snapshot at all");
        });
    }

    private static Conversation Agent(long? timeoutMs, DateTimeOffset? startAcw) => new()
    {
        Id = "c1",
        Participants = [new ConversationParticipant { Id = "agent", Purpose = "agent", WrapupTimeoutMs = timeoutMs, StartAcwTime = startAcw }],
    };
}
