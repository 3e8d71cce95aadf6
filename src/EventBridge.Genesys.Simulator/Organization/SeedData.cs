namespace EventBridge.Genesys.Simulator.Organization;

/// <summary>What every simulator starts with; ids are stable so demos and tests can hard-code them.</summary>
public static class SeedData
{
    public const string DemoQueueId = "5b1e7c2a-3f4d-4e8a-9c1b-2d3e4f5a6b7c";
    public const string DemoQueueName = "EventBridge Demo";
    public const string AgentOneId = "a1a1a1a1-0000-4000-8000-000000000001";
    public const string AgentOneName = "Ada Agent";
    public const string AgentTwoId = "a1a1a1a1-0000-4000-8000-000000000002";
    public const string AgentTwoName = "Bo Agent";
    public const string ResolvedCodeId = "c0de0000-0000-4000-8000-000000000001";
    public const string QaReviewCodeId = "c0de0000-0000-4000-8000-000000000002";
    public const string EscalatedCodeId = "c0de0000-0000-4000-8000-000000000003";

    /// <summary>The system code Genesys applies when a time-boxed ACW runs out; never assigned to a queue.</summary>
    public const string WrapupTimeoutCodeId = "7fb334b0-0e9e-11e4-9191-0800200c9a66";
    public const string WrapupTimeoutCodeName = "ININ-WRAP-UP-TIMEOUT";
}
