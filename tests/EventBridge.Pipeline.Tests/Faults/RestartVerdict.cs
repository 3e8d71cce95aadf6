using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Oracle;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// After a worker process stopped and a new one (or a stand-by of a cluster) ran on the same store: each intent's outcome and each agent's
/// wrap-ups from the oracle, judged against the code its intent asked for.
/// </summary>
internal sealed class RestartVerdict
{
    private readonly IWorkerLoadTarget _scenario;
    private readonly IReadOnlyList<WrapUpIntent> _intents;
    private readonly IReadOnlyList<CreatedConversation> _conversations;
    private readonly IReadOnlyDictionary<string, string> _expectedCode;
    private readonly OracleSnapshot _oracle;
    private readonly int _wrongCode;

    private RestartVerdict(IWorkerLoadTarget scenario, RestartLoad load)
    {
        var (conversations, expectedCode) = (load.Conversations, load.ExpectedCode);
        _scenario = scenario;
        _intents = load.Intents;
        _conversations = conversations;
        _expectedCode = expectedCode;
        _oracle = scenario.Sim.Control.ReadOracle();
        _wrongCode = conversations.Count(c => _oracle.Wrapups.Where(w => w.ConversationId == c.ConversationId && w.ParticipantId == c.AgentParticipantId)
            .Select(w => w.CodeId).SingleOrDefault() != expectedCode[c.ConversationId]);
    }

    /// <summary>Agents with another code than their intent's, and wrap-up calls per intent, for the row's mechanism.</summary>
    public string Mechanism =>
        $"{_wrongCode} agents with another code than their intent's; " +
        $"{_oracle.WrapupCalls.Count(c => _expectedCode.ContainsKey(c.ConversationId))} wrap-up calls for {_intents.Count} intents";

    public static RestartVerdict Read(IWorkerLoadTarget scenario, RestartLoad load) => new(scenario, load);

    public ReliabilityRow Row(string name, string load, string faults, TimeSpan elapsed)
    {
        var outcomes = _scenario.Outcomes;
        var acwToApplied = MechanismReading.AcwToApplied(_oracle, _conversations.Select(c => (c.ConversationId, c.AgentParticipantId)).ToHashSet());
        return new ReliabilityRow(name, load, faults, _intents.Count,
            Applied: _intents.Count(i => _scenario.WasApplied(i.IntentId)) - _wrongCode,
            FailedAsExpected: 0,
            Duplicates: _conversations.Count(c => _oracle.RepeatsFor(c.ConversationId, c.AgentParticipantId) > 0),
            Lost: _intents.Count(i => !outcomes.For(i.IntentId).Any(o => o is WrapUpApplied or WrapUpFailed)),
            Unexpected: _intents.Count(i => outcomes.For(i.IntentId).OfType<WrapUpFailed>().Any()) + _wrongCode,
            Seconds: Math.Round(elapsed.TotalSeconds, 1))
        {
            AcwToAppliedP50 = MechanismReading.Percentile(acwToApplied, 0.50),
            AcwToAppliedP99 = MechanismReading.Percentile(acwToApplied, 0.99),
        };
    }

    public void AssertEachConversationHasItsCodeOnce(ReliabilityRow row)
    {
        Assert.That(row.Kept, Is.True, $"every intent applied exactly once, none lost: {row}");
        foreach (var conversation in _conversations)
        {
            Assert.That(_oracle.Wrapups.Where(w => w.ConversationId == conversation.ConversationId).Select(w => w.CodeId),
                Is.EqualTo(new[] { _expectedCode[conversation.ConversationId] }),
                $"conversation {conversation.ConversationId} must have exactly one wrap-up, with its intent's code");
        }
    }
}
