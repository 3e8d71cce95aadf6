using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// The duplicates column must be able to say something other than 0: after a load the worker settled, a second
/// wrap-up call is sent on purpose for one participant, and the verdict must count it and break the promise — in
/// both ways Genesys may answer a late wrap-up (409, or accepted and ignored), neither of which changes the code.
/// </summary>
[TestFixture]
public sealed class When_the_oracle_is_asked_for_duplicates
{
    [TestCase(WrapupOutsideAcwBehaviour.Reject409)]
    [TestCase(WrapupOutsideAcwBehaviour.AcceptAndIgnore)]
    public async Task Should_count_a_deliberate_second_wrap_up_as_a_duplicate(WrapupOutsideAcwBehaviour outsideAcw)
    {
        var options = FaultLoad.Simulator(seed: 9001);
        options.WrapupOutsideAcw = outsideAcw;
        await using var pipeline = await PipelineHost.StartAsync(options, FaultLoad.Settings());
        var plan = new LoadPlan("deliberate duplicate", 3);
        var clean = await FaultLoad.RunAsync(pipeline, plan);
        Assert.That(clean.DoubledParticipants, Is.Empty, "the worker itself applied each code once");

        var victim = clean.Sent[0];
        var genesys = pipeline.Services.GetRequiredService<GenesysApiClient>();
        var communicationId = (await genesys.GetConversationAsync(victim.ConversationId)).Participants!
            .Single(p => p.Id == victim.AgentParticipantId).Messages![0].Id!;
        try
        {
            await genesys.ApplyCommunicationWrapupAsync(victim.ConversationId, victim.AgentParticipantId, communicationId,
                new WrapupInput { Code = victim.ExpectedCodeId });
        }
        catch (GenesysApiException refused)
        {
            TestContext.Progress.WriteLine($"[duplicate] the second wrap-up was answered {(int?)refused.StatusCode}");
        }

        var after = new LoadResult(plan, clean.Sent, pipeline.Outcomes, pipeline.Simulator.Control.ReadOracle(), clean.Seconds);
        Assert.Throws<MultipleAssertException>(() => after.AssertPromiseKept(after.ToRow("deliberate")), "the verdict fails on it");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.DoubledParticipants, Is.EqualTo(new[] { victim.AgentParticipantId }), "the deliberate second call is a duplicate");
            Assert.That(after.ToRow("deliberate").Duplicates, Is.EqualTo(1), "the row's duplicates column counts it");
            Assert.That(after.Oracle.Wrapups.Count(w => w.ParticipantId == victim.AgentParticipantId), Is.EqualTo(1),
                "although Genesys changed no code");
        }
    }
}
