using EventBridge.Genesys.Simulator.Conversations;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Genesys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EventBridge.Genesys.Simulator.Tests.Conversations;

public sealed class When_acw_times_out
{
    [TestCase("timeout")]
    [TestCase("forcedTimeout")]
    public async Task Should_apply_ININ_WRAP_UP_TIMEOUT(string prompt)
    {
        var time = new FakeTimeProvider();
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.Zero }, time);
        var created = await s.ConversationInAcwAsync(prompt, timeoutMs: 30_000);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(s.Sim.Control.ReadOracle().Wrapups, Is.Empty);
        time.Advance(TimeSpan.FromSeconds(1));

        var applied = s.Sim.Control.ReadOracle().Wrapups.Single();
        Assert.That((applied.CodeId, applied.CodeName, applied.Via),
            Is.EqualTo((SeedData.WrapupTimeoutCodeId, SeedData.WrapupTimeoutCodeName, "acwTimeout")));
        Assert.That(s.Sim.Control.GetConversation(created.ConversationId).Participants.Single(p => p.Purpose == "agent").AcwState,
            Is.EqualTo("completedTimeout"));
    }

    [Test]
    public async Task Should_not_enter_acw_for_an_agent_requested_prompt_until_the_agent_asks()
    {
        await using var s = await SimulatorSession.StartAsync(new SimulatorOptions { DisconnectDelay = TimeSpan.Zero });
        var created = s.Sim.Control.CreateConversation(new CreateConversationRequest { WrapupPrompt = "agentRequested", Answer = true });
        s.Sim.Control.CustomerEnds(created.ConversationId);
        ParticipantStatus Agent() => s.Sim.Control.GetConversation(created.ConversationId).Participants.Single(p => p.Purpose == "agent");

        Assert.That((Agent().State, Agent().AcwState), Is.EqualTo(("disconnected", "notApplicable")));
        s.Sim.Control.AgentEntersAcw(created.ConversationId);
        Assert.That(Agent().AcwState, Is.EqualTo("pending"));
    }
}
