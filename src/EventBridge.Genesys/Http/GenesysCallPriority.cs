namespace EventBridge.Genesys.Http;

/// <summary>
/// Which calls go first when the request budget is short, most urgent first. Genesys gives a client-credentials token
/// 300 requests a minute, and an agent's after-call work may time out within seconds: a wrap-up for an agent already
/// in ACW must never wait behind reads for new intents or reconciliation.
/// </summary>
public enum GenesysCallClass
{
    /// <summary>A wrap-up for an agent in ACW; among these, the earliest ACW timeout first.</summary>
    WrapUp = 0,

    /// <summary>A disconnect EventBridge was asked to do (the agent's ACW starts after it).</summary>
    Disconnect = 1,

    /// <summary>What taking in a new intent needs (code catalogue, conversation read, subscriptions); the default.</summary>
    Intake = 2,

    /// <summary>Re-reads of quiet intents and after notification gaps: only what the others leave.</summary>
    Reconcile = 3,
}

/// <summary>The priority of one call: its class and, for wrap-ups, the instant the agent's ACW times out.</summary>
public readonly record struct GenesysCallPriority(GenesysCallClass Class, DateTimeOffset? DueBy = null)
{
    /// <summary>
    /// Checked as the call leaves, after any wait for the budget or a retry: false means do not send it (<see cref="SendGuardHandler"/>).
    /// A wrap-up sent under a claim that ran out while its process was paused would land beside the new holder's.
    /// </summary>
    public Func<bool>? SendOnlyWhile { get; init; }

    /// <summary>Where the priority travels on the request, from the typed client to the budget in the handler pipeline.</summary>
    public static readonly HttpRequestOptionsKey<GenesysCallPriority> RequestOption = new("EventBridge.Genesys.CallPriority");

    public static GenesysCallPriority Intake { get; } = new(GenesysCallClass.Intake);

    public static GenesysCallPriority Reconcile { get; } = new(GenesysCallClass.Reconcile);

    public static GenesysCallPriority Disconnect { get; } = new(GenesysCallClass.Disconnect);

    public static GenesysCallPriority WrapUp(DateTimeOffset? acwTimesOutAt) => new(GenesysCallClass.WrapUp, acwTimesOutAt);
}
