using EventBridge.Genesys.Simulator.Auth;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;
using EventBridge.Genesys.Simulator.WrapupCodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventBridge.Genesys.Simulator.Conversations;

/// <summary>The conversation calls of genesys-facts.md "Wrap-up and disconnect calls".</summary>
internal static class ConversationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v2/conversations");
        api.MapGet("/{conversationId}", (string conversationId, HttpContext http, ConversationEngine engine, SimulatorOptions options) =>
        {
            PermissionGate.Require(http, options, PermissionGate.ConversationView);
            return Json(engine.RestView(conversationId));
        });
        api.MapDelete("/{conversationId}", (string conversationId, ConversationEngine engine) =>
        {
            engine.DisconnectConversation(conversationId);
            return Results.Accepted();
        });
        api.MapPost("/{conversationId}/disconnect", (string conversationId, ConversationEngine engine) =>
        {
            engine.RecoveryDisconnect(conversationId);
            return Results.Accepted();
        });
        api.MapGet("/messages/{conversationId}", (string conversationId, HttpContext http, ConversationEngine engine, SimulatorOptions options) =>
        {
            PermissionGate.Require(http, options, PermissionGate.ConversationView);
            return Json(engine.MessagesView(conversationId));
        });
        api.MapPatch("/messages/{conversationId}", PatchConversationAsync);
        api.MapPatch("/messages/{conversationId}/participants/{participantId}", PatchParticipantAsync);
        api.MapPatch("/{conversationId}/participants/{participantId}", PatchParticipantAsync);
        api.MapPost("/messages/{conversationId}/participants/{participantId}/communications/{communicationId}/wrapup", PostWrapupAsync);
        api.MapGet("/messages/{conversationId}/participants/{participantId}/wrapupcodes",
            (string conversationId, string participantId, ConversationEngine engine) =>
                Json(engine.CodesFor(conversationId, participantId).Select(WrapupCodeDto.From).ToList()));
    }

    /// <summary>Body is a Conversation; only <c>state: disconnected</c> means anything for message conversations.</summary>
    private static async Task<IResult> PatchConversationAsync(string conversationId, HttpRequest request, ConversationEngine engine)
    {
        var body = await RequestBody.ReadAsync<ConversationStateRequest>(request);
        if (!string.Equals(body.State, "disconnected", StringComparison.OrdinalIgnoreCase))
            throw GenesysApiException.BadRequest($"state '{body.State}' is not supported; send {{\"state\":\"disconnected\"}}.");
        engine.DisconnectConversation(conversationId);
        return Json(engine.RestView(conversationId));
    }

    private static async Task<IResult> PatchParticipantAsync(
        string conversationId, string participantId, HttpRequest request, ConversationEngine engine, SimulatorOptions options)
    {
        var body = await RequestBody.ReadAsync<ParticipantPatchRequest>(request);
        if (body.State is null && body.Wrapup is not null &&
            options.ParticipantPatchWrapupWithClientCredentials == ParticipantPatchWrapupCredentialsBehaviour.Reject403)
        {
            throw new GenesysApiException(403, "not.authorized",
                "Client-credentials tokens may not set wrap-up through PATCH participant (simulator option ParticipantPatchWrapupWithClientCredentials).");
        }

        WrapupCallLog.SetEffect(request.HttpContext, engine.PatchParticipant(conversationId, participantId, body));
        return Results.Accepted();
    }

    private static async Task<IResult> PostWrapupAsync(
        string conversationId, string participantId, string communicationId, HttpRequest request, ConversationEngine engine, SimulatorOptions options)
    {
        switch (options.CommunicationWrapupWithClientCredentials)
        {
            case CommunicationWrapupCredentialsBehaviour.Reject401:
                throw new GenesysApiException(401, "authentication.required",
                    "This request requires a user context; client-credentials tokens cannot apply a communication wrap-up (simulator option).");
            case CommunicationWrapupCredentialsBehaviour.Reject403:
                throw new GenesysApiException(403, "not.authorized",
                    "Client-credentials tokens are not authorized to apply a communication wrap-up (simulator option).");
        }

        var body = await RequestBody.ReadAsync<WrapupRequest>(request);
        WrapupCallLog.SetEffect(request.HttpContext, engine.ApplyWrapup(conversationId, participantId, communicationId, body, "communicationWrapup"));
        return Results.NoContent();
    }

    private static IResult Json(object value) => Results.Json(value, SimulatorJson.Options);
}
