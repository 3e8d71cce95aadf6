using EventBridge.Contracts;
using EventBridge.Genesys;
using EventBridge.Genesys.Http;
using EventBridge.Genesys.Models;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>
/// Sends the wrap-up through whichever of the two calls the org permits a client-credentials token. Which one works
/// is org-specific and not documented, so a 401/403 on one tries the other, and the call that worked is remembered.
/// </summary>
public sealed class WrapUpApplier(GenesysApiClient genesys, IOptions<WrapUpPipelineOptions> options, ILogger<WrapUpApplier> logger)
{
    private string? _workingCall;

    /// <summary>The call used next (the last one that worked, else the configured preference).</summary>
    public string CurrentCall => _workingCall ?? options.Value.PreferredCall;

    /// <summary>Returns the call that worked. Throws <see cref="GenesysApiException"/> (Auth when both were refused).</summary>
    public async Task<string> ApplyAsync(string conversationId, string participantId, string communicationId, string codeId, string? notes,
        CancellationToken cancellationToken)
    {
        var first = CurrentCall;
        var input = new WrapupInput { Code = codeId, Notes = notes };
        try
        {
            await SendAsync(first, conversationId, participantId, communicationId, input, cancellationToken);
            return first;
        }
        catch (GenesysApiException refused) when (refused.Kind == GenesysErrorKind.Auth)
        {
            var second = first == WrapUpCalls.CommunicationWrapup ? WrapUpCalls.ParticipantPatch : WrapUpCalls.CommunicationWrapup;
            logger.LogWarning("Genesys refused the {RefusedCall} wrap-up call ({StatusCode} {ErrorCode}); trying {FallbackCall}",
                first, (int?)refused.StatusCode, refused.ErrorCode, second);
            await SendAsync(second, conversationId, participantId, communicationId, input, cancellationToken);
            _workingCall = second;
            return second;
        }
    }

    private Task SendAsync(string call, string conversationId, string participantId, string communicationId, WrapupInput input,
        CancellationToken cancellationToken) =>
        call == WrapUpCalls.ParticipantPatch
            ? genesys.ApplyWrapupByParticipantPatchAsync(conversationId, participantId, input, cancellationToken)
            : genesys.ApplyCommunicationWrapupAsync(conversationId, participantId, communicationId, input, cancellationToken);
}
