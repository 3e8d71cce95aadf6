using EventBridge.Contracts;
using EventBridge.Pipeline.Applying;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Intake;

/// <summary>The intake queue's policies, for the consumer that serves it.</summary>
public sealed class WrapUpIntentConsumerDefinition(IOptions<WrapUpPipelineOptions> options) : IntakeEndpointDefinition<WrapUpIntentConsumer>(options);

/// <summary>
/// The intake queue takes MassTransit messages and raw JSON alike (a Node gateway publishes plain JSON). Retries stay
/// in-process and short — the broker has no delayed-message exchange — and never retry a decided failure. Generic so
/// a test that stands in for the pipeline (the dead-letter review's) serves the queue under the same policies.
/// </summary>
public class IntakeEndpointDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer<WrapUpIntent>
{
    private readonly WrapUpPipelineOptions _options;

    public IntakeEndpointDefinition(IOptions<WrapUpPipelineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = PipelineQueues.Intents;
        ConcurrentMessageLimit = _options.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
        endpointConfigurator.UseMessageRetry(r => TransientRetry.Configure(r, _options.TransientRetryLimit));
    }
}
