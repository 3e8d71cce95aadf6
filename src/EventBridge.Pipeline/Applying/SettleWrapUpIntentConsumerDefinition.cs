using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

public sealed class SettleWrapUpIntentConsumerDefinition : ConsumerDefinition<SettleWrapUpIntentConsumer>
{
    private readonly WrapUpPipelineOptions _options;

    public SettleWrapUpIntentConsumerDefinition(IOptions<WrapUpPipelineOptions> options)
    {
        _options = options.Value;
        EndpointName = PipelineQueues.Settle;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<SettleWrapUpIntentConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Several settle requests for one intent (events repeat) run one at a time, so they see each other's effects.
        consumerConfigurator.Message<SettleWrapUpIntent>(m => m.UsePartitioner(_options.ConcurrentMessageLimit, c => c.Message.IntentId));
        endpointConfigurator.UseMessageRetry(r => TransientRetry.Configure(r, _options.TransientRetryLimit));
    }
}
