using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Applying;

/// <summary>The settle queue's policies, for the consumer that serves it.</summary>
public sealed class SettleWrapUpIntentConsumerDefinition(IOptions<WrapUpPipelineOptions> options) : SettleEndpointDefinition<SettleWrapUpIntentConsumer>(options);

/// <summary>Generic so a test that stands in for the pipeline (the dead-letter review's) serves the queue under the same policies.</summary>
public class SettleEndpointDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer<SettleWrapUpIntent>
{
    private readonly WrapUpPipelineOptions _options;

    public SettleEndpointDefinition(IOptions<WrapUpPipelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = PipelineQueues.Settle;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Several settle requests for one intent (events repeat) run one at a time, so they see each other's effects.
        consumerConfigurator.Message<SettleWrapUpIntent>(m => m.UsePartitioner(_options.ConcurrentMessageLimit, c => c.Message.IntentId));
        endpointConfigurator.UseMessageRetry(r => TransientRetry.Configure(r, _options.TransientRetryLimit));
    }
}
