namespace EventBridge.Pipeline;

/// <summary>Broker names callers and operators rely on; documented in docs/raw-json-intents.md.</summary>
public static class PipelineQueues
{
    /// <summary>Intents arrive here (MassTransit publish, or raw JSON to this queue / the exchange of the same name).</summary>
    public const string Intents = "eventbridge-wrapup-intents";

    /// <summary>Internal: "look at this intent now" commands from the listener, the intake and the deadline sweeper.</summary>
    public const string Settle = "eventbridge-wrapup-settle";

    /// <summary>Internal: "disconnect this intent's agent" commands from the intake.</summary>
    public const string Disconnect = "eventbridge-wrapup-disconnect";

    // The outcome exchanges are named on the contracts themselves: Contracts.WrapUpExchanges.
}
