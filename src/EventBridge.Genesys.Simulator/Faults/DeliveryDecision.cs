namespace EventBridge.Genesys.Simulator.Faults;

internal readonly record struct DeliveryDecision(bool Drop, bool Duplicate, bool Reorder, TimeSpan? Delay);
