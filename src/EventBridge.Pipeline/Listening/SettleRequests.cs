using EventBridge.Pipeline.Applying;
using MassTransit;

namespace EventBridge.Pipeline.Listening;

/// <summary>Sends <see cref="SettleWrapUpIntent"/> commands from outside a consumer (listener, sweeper).</summary>
public sealed class SettleRequests(ISendEndpointProvider sendEndpoints)
{
    private static readonly Uri SettleQueue = new($"queue:{PipelineQueues.Settle}");

    public async Task SendAsync(Guid intentId, string conversationId, string trigger, CancellationToken cancellationToken)
    {
        var endpoint = await sendEndpoints.GetSendEndpoint(SettleQueue);
        await endpoint.Send(new SettleWrapUpIntent { IntentId = intentId, ConversationId = conversationId, Trigger = trigger }, cancellationToken);
    }
}
