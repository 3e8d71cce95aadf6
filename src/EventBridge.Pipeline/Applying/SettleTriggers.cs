namespace EventBridge.Pipeline.Applying;

/// <summary>Why an intent is being settled (<see cref="SettleWrapUpIntent.Trigger"/>): in logs, the dead-letter review and read priorities.</summary>
public static class SettleTriggers
{
    /// <summary>The intake found the agent already in ACW, or the code already there.</summary>
    public const string Intake = "intake";

    /// <summary>An event showed the agent in ACW, or a final wrap-up state (and settling it in process could not finish).</summary>
    public const string Event = "event";

    public const string Deadline = "deadline";

    public const string Reconcile = "reconcile";

    /// <summary>The customer left, and no event showed the agent in ACW soon after: that event may be lost (<c>AcwFollowUps</c>).</summary>
    public const string AcwExpected = "acw-expected";
}
