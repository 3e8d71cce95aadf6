namespace EventBridge.Genesys.Simulator.Faults;

/// <summary>
/// The next <c>Count</c> API calls (whose path starts with <c>PathPrefix</c>, if given) answer <c>Status</c>. With
/// <c>AfterEffect</c> (500, 502 or 504 only) the call is handled first — a wrap-up lands, a leg disconnects — and only
/// the answer is lost, as when a gateway times out on a request Genesys did process: the client cannot tell from the
/// answer whether it took effect, so resending a write blindly would do it twice.
/// </summary>
public sealed record ErrorBurst(int Count, int Status, string? PathPrefix = null, bool AfterEffect = false);
