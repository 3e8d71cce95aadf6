using EventBridge.Pipeline.Applying;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Disconnecting;

public sealed class DisconnectAgentConsumerDefinition : ConsumerDefinition<DisconnectAgentConsumer>
{
    private readonly WrapUpPipelineOptions _options;

    public DisconnectAgentConsumerDefinition(IOptions<WrapUpPipelineOptions> options)
    {
        _options = options.Value;
        EndpointName = PipelineQueues.Disconnect;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DisconnectAgentConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // A resent intent may ask twice before the first disconnect is stored: one at a time per intent, so the second
        // sees the first's record and sends nothing.
        consumerConfigurator.Message<DisconnectAgent>(m => m.UsePartitioner(_options.ConcurrentMessageLimit, c => c.Message.IntentId));
        endpointConfigurator.UseMessageRetry(r => TransientRetry.Configure(r, _options.TransientRetryLimit));
    }
}
