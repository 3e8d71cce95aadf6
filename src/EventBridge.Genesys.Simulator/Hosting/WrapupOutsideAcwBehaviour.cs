namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>What a wrap-up sent before ACW started or after it ended does.</summary>
public enum WrapupOutsideAcwBehaviour
{
    /// <summary>409 <c>conversation.error.wrapup.not.allowed</c>.</summary>
    Reject409,

    /// <summary>202/204 as if it worked, but nothing changes (the oracle lists it under <c>ignoredWrapups</c>).</summary>
    AcceptAndIgnore,
}
