using MassTransit;

namespace EventBridge.Pipeline.Tests.Subscriptions;

/// <summary>
/// The channel tests hold no intents, so the router never sends a settle command; this stands in for the bus so the
/// subscription services run without a broker.
/// </summary>
public sealed class NoSettleEndpoint : ISendEndpointProvider
{
    public Task<ISendEndpoint> GetSendEndpoint(Uri address) =>
        throw new NotSupportedException("The channel tests have no intents to settle.");

    public ConnectHandle ConnectSendObserver(ISendObserver observer) =>
        throw new NotSupportedException("The channel tests have no bus.");
}
