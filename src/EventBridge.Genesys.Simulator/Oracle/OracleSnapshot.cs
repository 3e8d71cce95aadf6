namespace EventBridge.Genesys.Simulator.Oracle;

/// <summary>What <c>GET /sim/oracle</c> answers: the ground truth tests compare a client's claims with.</summary>
public sealed record OracleSnapshot(
    IReadOnlyList<AppliedWrapup> Wrapups,
    IReadOnlyList<IgnoredWrapup> IgnoredWrapups,
    IReadOnlyList<RefusedCall> RefusedCalls,
    IReadOnlyList<LoggedRequest> Requests);
