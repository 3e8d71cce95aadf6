namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>
/// Whether a client-credentials token may POST a communication wrap-up is unsettled (one user reports 401).
/// </summary>
public enum CommunicationWrapupCredentialsBehaviour
{
    Allow,
    Reject401,
    Reject403,
}
