namespace EventBridge.Pipeline.Storage;

public enum IntentStatus
{
    /// <summary>Stored and waiting for the agent to enter wrap-up.</summary>
    Pending,

    /// <summary>Claimed for one agent participant; the wrap-up call is in flight (or was, before a crash).</summary>
    Applying,

    Applied,
    Failed,
}
