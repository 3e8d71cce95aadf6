using EventBridge.Pipeline.Applying;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Intake;

/// <summary>
/// The intake queue takes MassTransit messages and raw JSON alike (a Node gateway publishes plain JSON). Retries stay
/// in-process and short — the broker has no delayed-message exchange — and never retry a decided failure.
/// </summary>
public sealed class WrapUpIntentConsumerDefinition : ConsumerDefinition<WrapUpIntentConsumer>
{
    private readonly WrapUpPipelineOptions _options;

    public WrapUpIntentConsumerDefinition(IOptions<WrapUpPipelineOptions> options)
    {
        _options = options.Value;
        EndpointName = PipelineQueues.Intents;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<WrapUpIntentConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
        endpointConfigurator.UseMessageRetry(r => TransientRetry.Configure(r, _options.TransientRetryLimit));
    }
}
