using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;

namespace EventBridge.Genesys;

public sealed partial class GenesysApiClient
{
    /// <summary>
    /// <c>GET /api/v2/conversations/{id}</c>: generic view with communication ids and ACW timestamps. A read for a new
    /// intent (the default) or for reconciliation (<see cref="GenesysCallPriority.Reconcile"/>) waits behind wrap-ups.
    /// </summary>
    public Task<Conversation> GetConversationAsync(string conversationId, GenesysCallPriority priority, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/v2/conversations/{Segment(conversationId)}", null,
            GenesysJsonContext.Default.Conversation, cancellationToken, priority);

    /// <inheritdoc cref="GetConversationAsync(string, GenesysCallPriority, CancellationToken)"/>
    public Task<Conversation> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        GetConversationAsync(conversationId, GenesysCallPriority.Intake, cancellationToken);

    /// <summary><c>GET /api/v2/conversations/messages/{id}</c>: media-specific view (user/queue references, no communication ids).</summary>
    public Task<MessageConversation> GetMessageConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/v2/conversations/messages/{Segment(conversationId)}", null,
            GenesysJsonContext.Default.MessageConversation, cancellationToken);

    /// <summary>
    /// <c>PATCH /api/v2/conversations/messages/{cid}/participants/{pid}</c> with exactly the fields set on
    /// <paramref name="change"/>.
    /// </summary>
    public Task UpdateMessageParticipantAsync(
        string conversationId, string participantId, MediaParticipantRequest change, CancellationToken cancellationToken = default) =>
        UpdateMessageParticipantAsync(conversationId, participantId, change, GenesysCallPriority.Intake, cancellationToken);

    private Task UpdateMessageParticipantAsync(
        string conversationId, string participantId, MediaParticipantRequest change, GenesysCallPriority priority, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch,
            $"api/v2/conversations/messages/{Segment(conversationId)}/participants/{Segment(participantId)}",
            Json(change, GenesysJsonContext.Default.MediaParticipantRequest), cancellationToken, priority);

    /// <summary>
    /// Wrap-up, way 2: PATCH the participant with only <c>{"wrapup":{...}}</c>. Goes first in the request budget, the
    /// earliest <paramref name="acwTimesOutAt"/> first.
    /// </summary>
    /// <param name="sendOnlyWhile">Checked as the call leaves: false, and it is not sent (<see cref="CallNoLongerWantedException"/>).</param>
    public Task ApplyWrapupByParticipantPatchAsync(
        string conversationId, string participantId, WrapupInput wrapup, DateTimeOffset? acwTimesOutAt, Func<bool>? sendOnlyWhile,
        CancellationToken cancellationToken = default) =>
        UpdateMessageParticipantAsync(conversationId, participantId, new MediaParticipantRequest { Wrapup = wrapup },
            GenesysCallPriority.WrapUp(acwTimesOutAt) with { SendOnlyWhile = sendOnlyWhile }, cancellationToken);

    /// <inheritdoc cref="ApplyWrapupByParticipantPatchAsync(string, string, WrapupInput, DateTimeOffset?, Func{bool}?, CancellationToken)"/>
    public Task ApplyWrapupByParticipantPatchAsync(
        string conversationId, string participantId, WrapupInput wrapup, CancellationToken cancellationToken = default) =>
        ApplyWrapupByParticipantPatchAsync(conversationId, participantId, wrapup, null, null, cancellationToken);

    /// <summary>
    /// Wrap-up, way 1: <c>POST /api/v2/conversations/messages/{cid}/participants/{pid}/communications/{commId}/wrapup</c>.
    /// The communication id comes from <see cref="GetConversationAsync"/> (<c>participants[].messages[].id</c>).
    /// </summary>
    /// <param name="sendOnlyWhile">Checked as the call leaves: false, and it is not sent (<see cref="CallNoLongerWantedException"/>).</param>
    public Task ApplyCommunicationWrapupAsync(
        string conversationId, string participantId, string communicationId, WrapupInput wrapup, DateTimeOffset? acwTimesOutAt,
        Func<bool>? sendOnlyWhile, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post,
            $"api/v2/conversations/messages/{Segment(conversationId)}/participants/{Segment(participantId)}/communications/{Segment(communicationId)}/wrapup",
            Json(wrapup, GenesysJsonContext.Default.WrapupInput), cancellationToken, GenesysCallPriority.WrapUp(acwTimesOutAt) with { SendOnlyWhile = sendOnlyWhile });

    /// <inheritdoc cref="ApplyCommunicationWrapupAsync(string, string, string, WrapupInput, DateTimeOffset?, Func{bool}?, CancellationToken)"/>
    public Task ApplyCommunicationWrapupAsync(
        string conversationId, string participantId, string communicationId, WrapupInput wrapup, CancellationToken cancellationToken = default) =>
        ApplyCommunicationWrapupAsync(conversationId, participantId, communicationId, wrapup, null, null, cancellationToken);

    /// <summary>Disconnects one participant: PATCH <c>{"state":"disconnected"}</c>.</summary>
    public Task DisconnectMessageParticipantAsync(string conversationId, string participantId, CancellationToken cancellationToken = default) =>
        UpdateMessageParticipantAsync(conversationId, participantId, new MediaParticipantRequest { State = "disconnected" },
            GenesysCallPriority.Disconnect, cancellationToken);

    /// <summary>Disconnects the whole message conversation: <c>PATCH /api/v2/conversations/messages/{cid}</c> <c>{"state":"disconnected"}</c>.</summary>
    public Task DisconnectMessageConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"api/v2/conversations/messages/{Segment(conversationId)}",
            Json(new ConversationStateRequest { State = "disconnected" }, GenesysJsonContext.Default.ConversationStateRequest), cancellationToken);

    /// <summary><c>DELETE /api/v2/conversations/{cid}</c>: ends the conversation (not the recovery <c>POST .../disconnect</c>).</summary>
    public Task DeleteConversationAsync(string conversationId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/v2/conversations/{Segment(conversationId)}", null, cancellationToken);
}
