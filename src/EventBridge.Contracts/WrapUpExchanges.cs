namespace EventBridge.Contracts;

/// <summary>
/// The broker names of the contracts, fixed on the records themselves (<c>[EntityName]</c>, <c>[MessageUrn]</c>) so a
/// MassTransit publisher or consumer with only this package uses the worker's exchanges and message types, and so a
/// renamed or moved record keeps its wire names. Raw-JSON callers use the same strings (docs/raw-json-intents.md).
/// </summary>
public static class WrapUpExchanges
{
    /// <summary>The intent keeps MassTransit's default name: the intake queue is bound to it.</summary>
    public const string Intent = "EventBridge.Contracts:WrapUpIntent";

    /// <summary>Fanout exchanges the outcome events are published to.</summary>
    public const string Accepted = "eventbridge.wrapup-accepted";
    public const string Applied = "eventbridge.wrapup-applied";
    public const string Failed = "eventbridge.wrapup-failed";

    /// <summary><c>messageType</c> of each contract (MassTransit adds the <c>urn:message:</c> prefix).</summary>
    public const string IntentUrn = "EventBridge.Contracts:WrapUpIntent";
    public const string AcceptedUrn = "EventBridge.Contracts:WrapUpAccepted";
    public const string AppliedUrn = "EventBridge.Contracts:WrapUpApplied";
    public const string FailedUrn = "EventBridge.Contracts:WrapUpFailed";
}
