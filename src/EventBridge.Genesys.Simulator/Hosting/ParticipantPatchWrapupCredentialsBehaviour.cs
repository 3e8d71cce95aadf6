namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>Whether a client-credentials token may set <c>wrapup</c> through PATCH participant.</summary>
public enum ParticipantPatchWrapupCredentialsBehaviour
{
    Allow,
    Reject403,
}
