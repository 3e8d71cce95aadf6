using EventBridge.DeadLetters.Storage;
using EventBridge.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventBridge.DeadLetters.Tests;

[TestFixture]
public sealed class When_the_review_is_configured
{
    [Test]
    public void Should_default_to_both_error_queues_and_the_workers_broker()
    {
        var options = Resolve(new Dictionary<string, string?> { ["RabbitMq:Uri"] = "amqp://u:p@broker:5673/v" });
        Assert.Multiple(() =>
        {
            Assert.That(options.Queues, Is.EqualTo(new[]
            {
                PipelineQueues.Intents + "_error", PipelineQueues.Intents + "_skipped", PipelineQueues.Settle + "_error",
                PipelineQueues.Settle + "_skipped", PipelineQueues.Disconnect + "_error", PipelineQueues.Disconnect + "_skipped",
            }));
            Assert.That(options.RabbitMqUri, Is.EqualTo(new Uri("amqp://u:p@broker:5673/v")));
            Assert.That(options.Path, Is.EqualTo("data/eventbridge-deadletters.db"));
            Assert.That(options.PrefetchCount, Is.EqualTo(20));
        });
    }

    [Test]
    public void Should_take_configured_queues_instead_of_the_defaults()
    {
        var options = Resolve(new Dictionary<string, string?> { ["DeadLetters:Queues:0"] = "other_error" });
        Assert.That(options.Queues, Is.EqualTo(new[] { "other_error" }));
    }

    [Test]
    public void Should_refuse_an_in_memory_database()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { ["DeadLetters:Path"] = ":memory:" }));
        Assert.That(failure!.Message, Does.Contain("in-memory"));
    }

    private static DeadLetterOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddDeadLetterReview(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DeadLetterOptions>>().Value;
    }
}
