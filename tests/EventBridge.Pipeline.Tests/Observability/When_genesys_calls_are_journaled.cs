using Dapper;
using EventBridge.Contracts;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Pipeline.Storage;
using EventBridge.Pipeline.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Pipeline.Tests.Observability;

/// <summary>The attempt journal on the paths support asks about: a refused call and its fallback, and a journal that breaks.</summary>
[TestFixture]
public sealed class When_genesys_calls_are_journaled
{
    [Test]
    public async Task Should_show_the_refused_call_its_status_and_the_fallback_that_worked()
    {
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.FromMilliseconds(50),
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Reject401,
        });
        var conversation = pipeline.Simulator.ConnectedConversation();
        pipeline.Simulator.Control.CustomerEnds(conversation.ConversationId);
        await pipeline.Simulator.UntilAcwPendingAsync(conversation.ConversationId);
        var intent = Scenarios.IntentFor(conversation.ConversationId);

        await pipeline.PublishAsync(intent);
        await pipeline.Outcomes.AppliedAsync(intent.IntentId);

        var attempts = await pipeline.Services.GetRequiredService<IIntentAttemptJournal>().GetAsync(intent.IntentId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempts.Select(a => (a.Action, a.Outcome, a.HttpStatus)), Is.EqualTo(new (string, string, int?)[]
            {
                // No snapshot yet (nothing subscribed to the conversation before its intent): the intake read it.
                (IntentAttempt.Read, IntentAttempt.Ok, null),
                (IntentAttempt.WrapUp(WrapUpCalls.CommunicationWrapup), IntentAttempt.Refused, 401),
                (IntentAttempt.WrapUp(WrapUpCalls.ParticipantPatch), IntentAttempt.Ok, null),
                (IntentAttempt.Confirm, IntentAttempt.Ok, null),
            }));
            Assert.That(attempts[1].Detail, Does.Contain("401"), "EventBridge's account names the status");
            // Genesys's own words kept apart, so support sees what Genesys said as Genesys's (and can quote the contextId).
            Assert.That((attempts[1].GenesysCode, attempts[1].GenesysMessage), Is.EqualTo(("authentication.required",
                "This request requires a user context; client-credentials tokens cannot apply a communication wrap-up (simulator option).")));
            Assert.That(Guid.TryParse(attempts[1].ContextId, out _), Is.True, $"contextId '{attempts[1].ContextId}'");
            Assert.That(attempts.Where(a => a.Outcome == IntentAttempt.Ok).Select(a => (a.GenesysCode, a.GenesysMessage, a.ContextId)),
                Has.All.EqualTo(((string?)null, (string?)null, (string?)null)), "a success carries no Genesys error");
            Assert.That(attempts.Select(a => a.Detail), Has.None.Contains("Bearer").And.None.Contains("access_token"));
        }
    }

    [Test]
    public async Task Should_apply_the_code_even_when_the_journal_cannot_be_written()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"eventbridge-test-{Guid.NewGuid():N}.db");
        // The journal names each call: the org allows the per-communication wrap-up call here.
        await using var pipeline = await PipelineHost.StartAsync(new SimulatorOptions
        {
            DisconnectDelay = TimeSpan.FromMilliseconds(50),
            CommunicationWrapupWithClientCredentials = CommunicationWrapupCredentialsBehaviour.Allow,
        }, databasePath: databasePath);
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
            await connection.ExecuteAsync("DROP TABLE intent_attempts;");
        var conversation = pipeline.Simulator.ConnectedConversation();
        var intent = Scenarios.IntentFor(conversation.ConversationId, disconnect: true);

        await pipeline.PublishAsync(intent);
        var applied = await pipeline.Outcomes.AppliedAsync(intent.IntentId);

        Assert.That(applied.AppliedVia, Is.EqualTo(WrapUpCalls.CommunicationWrapup), "journal failures are logged, never fail an apply");
    }
}
