using EventBridge.Genesys.Simulator.Oracle;

namespace EventBridge.Conformance.Tests.Support;

/// <summary>
/// Picks bodies out of the simulator's request log by exact path, so calls from the SDK and from the C# client
/// (different conversations, different channels) can be compared with each other.
/// </summary>
internal static class RequestLogBodies
{
    public static WrapupAndSubscriptionBodies Find(
        IReadOnlyList<LoggedRequest> requests, ConversationInAcw communicationWrapup, ConversationInAcw participantPatch, string channelId)
    {
        var a = communicationWrapup;
        var b = participantPatch;
        return new WrapupAndSubscriptionBodies(
            BodyOf(requests, "PATCH", $"/api/v2/conversations/messages/{b.ConversationId}/participants/{b.ParticipantId}"),
            BodyOf(requests, "POST",
                $"/api/v2/conversations/messages/{a.ConversationId}/participants/{a.ParticipantId}/communications/{a.CommunicationId}/wrapup"),
            BodyOf(requests, "PUT", $"/api/v2/notifications/channels/{channelId}/subscriptions"));
    }

    private static System.Text.Json.JsonElement BodyOf(IReadOnlyList<LoggedRequest> requests, string method, string path)
    {
        var matches = requests
            .Where(r => r.Method == method && string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (matches.Count != 1)
            throw new AssertionException($"Expected one {method} {path} in the simulator's request log, found {matches.Count}.");
        return matches[0].Body
            ?? throw new AssertionException($"{method} {path} reached the simulator without a JSON body (status {matches[0].Status}).");
    }
}
