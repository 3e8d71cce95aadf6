namespace EventBridge.Genesys.Simulator.RateLimiting;

internal sealed record RateDecision(bool Exceeded, int Count, int Allowed, int ResetSeconds);
