using EventBridge.Genesys;
using EventBridge.Genesys.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>Makes the body-carrying calls the worker makes with our typed client, registered the way the worker does it.</summary>
internal static class CSharpClientCalls
{
    /// <summary>
    /// Returns the id of the channel whose subscriptions were replaced. The disconnect calls go to
    /// <paramref name="toDisconnect"/>, so every body our client sends is in the simulator's log.
    /// </summary>
    public static async Task<string> RunAsync(
        ConformanceScene scene, ConversationInAcw communicationWrapup, ConversationInAcw participantPatch, DisconnectTargets toDisconnect)
    {
        await using var services = ClientServices(scene);
        var client = services.GetRequiredService<GenesysApiClient>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var channel = await client.CreateChannelAsync(deadline.Token);
        var channelId = channel.Id ?? throw new AssertionException("The C# client got a channel without an id.");
        await client.ReplaceSubscriptionsAsync(channelId, scene.PutTopics(), ignoreErrors: true, deadline.Token);
        await client.AddSubscriptionsAsync(channelId, [ConformanceScene.AcwTopic(communicationWrapup)], ignoreErrors: true, deadline.Token);
        var a = communicationWrapup;
        await client.ApplyCommunicationWrapupAsync(a.ConversationId, a.ParticipantId, a.CommunicationId,
            new WrapupInput { Code = scene.Code.Id, Notes = ConformanceScene.Notes }, deadline.Token);
        await client.ApplyWrapupByParticipantPatchAsync(participantPatch.ConversationId, participantPatch.ParticipantId,
            new WrapupInput { Code = scene.Code.Id }, deadline.Token);
        await client.DisconnectMessageParticipantAsync(toDisconnect.Participant.ConversationId, toDisconnect.Participant.ParticipantId, deadline.Token);
        await client.DisconnectMessageConversationAsync(toDisconnect.Conversation.ConversationId, deadline.Token);
        await client.DeleteConversationAsync(toDisconnect.Deleted.ConversationId, deadline.Token);

        return channelId;
    }

    /// <summary>Our typed client against the scene's simulator, registered the way the worker registers it.</summary>
    public static ServiceProvider ClientServices(ConformanceScene scene)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Genesys:ApiBaseUrl"] = scene.Simulator.BaseUri.AbsoluteUri,
                ["Genesys:ClientId"] = ConformanceScene.ClientId,
                ["Genesys:ClientSecret"] = ConformanceScene.ClientSecret,
            })
            .Build();
        return new ServiceCollection().AddGenesysClient(configuration).BuildServiceProvider();
    }
}
