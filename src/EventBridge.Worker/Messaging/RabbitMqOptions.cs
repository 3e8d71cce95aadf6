using System.ComponentModel.DataAnnotations;

namespace EventBridge.Worker.Messaging;

public sealed class RabbitMqOptions : IValidatableObject
{
    public const string Section = "RabbitMq";
    public const string Classic = "Classic";
    public const string Quorum = "Quorum";

    /// <summary>amqp://user:password@host:port/vhost. deploy/run.sh and deploy/test.sh set it for their broker.</summary>
    [Required]
    public Uri Uri { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>
    /// The other nodes of a RabbitMQ cluster (<c>host</c> or <c>host:port</c>), tried in turn with <see cref="Uri"/>'s
    /// host when a connection is lost; credentials and vhost come from <see cref="Uri"/>.
    /// </summary>
    public List<string> ClusterNodes { get; set; } = [];

    /// <summary>
    /// <c>Classic</c> (one broker node) or <c>Quorum</c> (replicated across a RabbitMQ cluster: an intent survives the
    /// loss of a node). The error and skipped queues follow. A queue's type is fixed when it is declared: switching an
    /// existing deployment means draining and deleting its queues first (the broker refuses the other type with 406).
    /// </summary>
    [RegularExpression("^(?i:classic|quorum)$", ErrorMessage = "RabbitMq:QueueType must be Classic or Quorum.")]
    public string QueueType { get; set; } = Classic;

    /// <summary>
    /// Quorum queues only: deliveries of one message before the broker drops it (<c>x-delivery-limit</c>). A backstop
    /// against a message that crashes the worker every time it is delivered; MassTransit's own faults go to the error
    /// queue long before. The error and skipped queues carry no limit: a letter there is support's, never dropped.
    /// </summary>
    [Range(2, 1000)]
    public int DeliveryLimit { get; set; } = 20;

    /// <summary>While the broker is unreachable, how often the log says so (MassTransit's own retry lines are held back).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutageSummaryInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool UsesQuorumQueues => string.Equals(QueueType, Quorum, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var node in ClusterNodes.Where(node => string.IsNullOrWhiteSpace(node) || node.Contains("://", StringComparison.Ordinal) || node.Contains('@')))
            yield return new ValidationResult(
                $"RabbitMq:ClusterNodes has '{(node.Contains('@') ? "(an entry with credentials)" : node)}': give host or host:port; credentials and vhost come from RabbitMq:Uri.",
                [nameof(ClusterNodes)]);
    }

    public override string ToString() =>
        $"RabbitMq {{ Host = {Uri.Host}:{Uri.Port}, QueueType = {QueueType}{(ClusterNodes.Count > 0 ? $", ClusterNodes = {string.Join(", ", ClusterNodes)}" : "")} }}";
}
