using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.Organization;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Flow;

/// <summary>
/// The first user's race, reproduced: the gateway disconnects the agent and at once PATCHes the wrap-up. The agent is
/// not in ACW yet, so Genesys refuses (409) or accepts and drops the code. The same conversations through EventBridge
/// all get their code.
/// </summary>
[TestFixture]
public sealed class When_a_gateway_disconnects_then_sets_the_code_itself
{
    private const int Conversations = 5;

    [TestCase(WrapupOutsideAcwBehaviour.Reject409)]
    [TestCase(WrapupOutsideAcwBehaviour.AcceptAndIgnore)]
    public async Task Should_lose_the_code_without_eventbridge_and_keep_it_with_eventbridge(WrapupOutsideAcwBehaviour genesysBehaviour)
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.FromMilliseconds(200),
            WrapupOutsideAcw = genesysBehaviour,
        });
        var sim = pipeline.Simulator;
        var genesys = pipeline.Services.GetRequiredService<GenesysApiClient>();

        var direct = Enumerable.Range(0, Conversations).Select(_ => sim.ConnectedConversation()).ToList();
        var refused = 0;
        foreach (var conversation in direct)
        {
            await genesys.DisconnectMessageParticipantAsync(conversation.ConversationId, conversation.AgentParticipantId);
            try
            {
                await genesys.ApplyWrapupByParticipantPatchAsync(conversation.ConversationId, conversation.AgentParticipantId,
                    new WrapupInput { Code = SeedData.ResolvedCodeId });
            }
            catch (GenesysApiException conflict) when (conflict.Kind == GenesysErrorKind.Conflict)
            {
                refused++;
            }
        }

        foreach (var conversation in direct) await sim.UntilAcwPendingAsync(conversation.ConversationId);
        var lostWithoutEventBridge = direct.Count(c => sim.WrapupsOf(c.ConversationId).Count == 0);

        var throughEventBridge = Enumerable.Range(0, Conversations).Select(_ => sim.ConnectedConversation()).ToList();
        var intents = throughEventBridge.Select(c => Scenarios.IntentFor(c.ConversationId, "Resolved", disconnect: true)).ToList();
        foreach (var intent in intents) await pipeline.PublishAsync(intent);
        foreach (var intent in intents) await pipeline.Outcomes.AppliedAsync(intent.IntentId);

        Assert.Multiple(() =>
        {
            Assert.That(lostWithoutEventBridge, Is.EqualTo(Conversations), "the race loses every code when the gateway does it itself");
            Assert.That(refused, Is.EqualTo(genesysBehaviour == WrapupOutsideAcwBehaviour.Reject409 ? Conversations : 0));
            Assert.That(throughEventBridge.Select(c => sim.WrapupsOf(c.ConversationId).Count), Is.All.EqualTo(1),
                "through EventBridge every conversation gets exactly one wrap-up");
        });
    }
}
