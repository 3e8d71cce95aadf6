namespace EventBridge.Pipeline.Intake;

public sealed record ResolvedWrapUpCode(string Id, string Name);
