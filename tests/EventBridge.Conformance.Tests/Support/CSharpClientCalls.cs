using EventBridge.Genesys;
using EventBridge.Genesys.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>Makes the SDK's three body-carrying calls with our typed client, registered the way the worker does it.</summary>
internal static class CSharpClientCalls
{
    /// <summary>Returns the id of the channel whose subscriptions were replaced.</summary>
    public static async Task<string> RunAsync(
        ConformanceScene scene, ConversationInAcw communicationWrapup, ConversationInAcw participantPatch)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Genesys:ApiBaseUrl"] = scene.Simulator.BaseUri.AbsoluteUri,
                ["Genesys:ClientId"] = ConformanceScene.ClientId,
                ["Genesys:ClientSecret"] = ConformanceScene.ClientSecret,
            })
            .Build();
        await using var services = new ServiceCollection().AddGenesysClient(configuration).BuildServiceProvider();
        var client = services.GetRequiredService<GenesysApiClient>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var channel = await client.CreateChannelAsync(deadline.Token);
        var channelId = channel.Id ?? throw new AssertionException("The C# client got a channel without an id.");
        await client.ReplaceSubscriptionsAsync(channelId, scene.PutTopics(), ignoreErrors: true, deadline.Token);
        var a = communicationWrapup;
        await client.ApplyCommunicationWrapupAsync(a.ConversationId, a.ParticipantId, a.CommunicationId,
            new WrapupInput { Code = scene.Code.Id, Notes = ConformanceScene.Notes }, deadline.Token);
        await client.ApplyWrapupByParticipantPatchAsync(participantPatch.ConversationId, participantPatch.ParticipantId,
            new WrapupInput { Code = scene.Code.Id }, deadline.Token);
        return channelId;
    }
}
