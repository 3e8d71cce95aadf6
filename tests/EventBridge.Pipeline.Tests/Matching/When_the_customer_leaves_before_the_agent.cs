using EventBridge.Genesys.Models;
using EventBridge.Pipeline.Matching;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Pipeline.Tests.Matching;

/// <summary>
/// "The agent should be in ACW any moment now" — the one state in which a missing event is worth a read
/// (<see cref="AcwExpectation"/>); every other waiting state must cost nothing.
/// </summary>
public sealed class When_the_customer_leaves_before_the_agent
{
    private static readonly StoredIntent Intent = new()
    {
        IntentId = Guid.NewGuid(), ConversationId = "c-1", RequestedCode = "Resolved", CodeId = "code-resolved", Status = IntentStatus.Pending,
    };

    [TestCase("disconnected", null)]
    [TestCase("connected", "2026-12-01T10:00:00Z")]
    public void Should_expect_acw_when_the_customer_has_left_and_the_agent_is_still_connected(string customerState, string? customerEnd)
    {
        var customer = Customer(customerState, customerEnd is null ? null : DateTimeOffset.Parse(customerEnd, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(AcwExpectation.Expected(Conversation(customer, Agent("connected")), Intent), Is.True);
    }

    [Test]
    public void Should_not_expect_anything_while_the_customer_is_still_there() =>
        Assert.That(AcwExpectation.Expected(Conversation(Customer("connected"), Agent("connected")), Intent), Is.False);

    [Test]
    public void Should_not_expect_anything_once_the_agent_is_disconnected() =>
        Assert.That(AcwExpectation.Expected(Conversation(Customer("disconnected"), Agent("disconnected")), Intent), Is.False,
            "the evaluator decides from this state itself: no event is missing");

    [Test]
    public void Should_not_expect_anything_once_the_agent_is_in_acw()
    {
        var agent = Agent("connected", startAcw: DateTimeOffset.UnixEpoch);

        Assert.That(AcwExpectation.Expected(Conversation(Customer("disconnected"), agent), Intent), Is.False);
    }

    [Test]
    public void Should_not_expect_anything_for_an_intent_whose_agent_is_not_in_the_conversation()
    {
        var forSomeoneElse = new StoredIntent
        {
            IntentId = Guid.NewGuid(), ConversationId = "c-1", RequestedCode = "Resolved", ParticipantId = "another-agent", Status = IntentStatus.Pending,
        };

        Assert.That(AcwExpectation.Expected(Conversation(Customer("disconnected"), Agent("connected")), forSomeoneElse), Is.False);
    }

    private static Conversation Conversation(params ConversationParticipant[] participants) => new() { Id = "c-1", Participants = [.. participants] };

    private static ConversationParticipant Customer(string state, DateTimeOffset? endTime = null) =>
        new() { Id = "customer", Purpose = "customer", EndTime = endTime, Messages = [new MessageCommunication { Id = "m-customer", State = state }] };

    private static ConversationParticipant Agent(string state, DateTimeOffset? startAcw = null) => new()
    {
        Id = "agent", Purpose = "agent", WrapupRequired = true, StartAcwTime = startAcw,
        Messages = [new MessageCommunication { Id = "m-agent", State = state }],
    };
}
