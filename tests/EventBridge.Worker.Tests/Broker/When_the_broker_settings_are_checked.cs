using System.ComponentModel.DataAnnotations;
using EventBridge.Worker.Messaging;

namespace EventBridge.Worker.Tests.Broker;

/// <summary>RabbitMq settings a cluster needs: a wrong one stops the start with its name, never half-applies.</summary>
public sealed class When_the_broker_settings_are_checked
{
    [Test]
    public void Should_default_to_classic_queues_on_one_node() =>
        Assert.That(Problems(new RabbitMqOptions()), Is.Empty);

    [TestCase("Quorum", true)]
    [TestCase("quorum", true)]
    [TestCase("Classic", false)]
    public void Should_take_either_queue_type(string type, bool quorum)
    {
        var options = new RabbitMqOptions { QueueType = type };
        Assert.Multiple(() =>
        {
            Assert.That(Problems(options), Is.Empty);
            Assert.That(options.UsesQuorumQueues, Is.EqualTo(quorum));
        });
    }

    [Test]
    public void Should_refuse_another_queue_type() =>
        Assert.That(Problems(new RabbitMqOptions { QueueType = "Stream" }), Has.One.Contains("RabbitMq:QueueType must be Classic or Quorum"));

    [TestCase(1)]
    [TestCase(0)]
    public void Should_refuse_a_delivery_limit_that_would_drop_a_message_at_its_first_redelivery(int limit) =>
        Assert.That(Problems(new RabbitMqOptions { DeliveryLimit = limit }), Has.One.Contains("DeliveryLimit"));

    [Test]
    public void Should_take_cluster_nodes_as_hosts() =>
        Assert.That(Problems(new RabbitMqOptions { ClusterNodes = ["rabbit-2", "rabbit-3:5673"] }), Is.Empty);

    [Test]
    public void Should_refuse_a_node_with_credentials_without_repeating_them()
    {
        var problems = Problems(new RabbitMqOptions { ClusterNodes = ["amqp://guest:s3cret@rabbit-2"] });
        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.One.Contains("RabbitMq:ClusterNodes").And.Contains("host:port"));
            Assert.That(string.Join(" ", problems), Does.Not.Contain("s3cret"));
        });
    }

    private static List<string> Problems(RabbitMqOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? "")];
    }
}
