namespace EventBridge.Genesys.Simulator.Control;

/// <summary>What a scenario did: the conversations it created and one line per step.</summary>
public sealed record ScenarioResult(IReadOnlyList<string> ConversationIds, IReadOnlyList<string> Steps);
