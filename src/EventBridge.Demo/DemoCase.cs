namespace EventBridge.Demo;

/// <summary>One scripted conversation: what happens in it, and the outcome EventBridge should report.</summary>
public sealed record DemoCase(string Name, string Code, string Expected, Func<DemoRun, Task> Play);
