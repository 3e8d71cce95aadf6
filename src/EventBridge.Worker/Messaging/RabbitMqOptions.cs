using System.ComponentModel.DataAnnotations;

namespace EventBridge.Worker.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    /// <summary>amqp://user:password@host:port/vhost. deploy/run.sh and deploy/test.sh set it for their broker.</summary>
    [Required]
    public Uri Uri { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>While the broker is unreachable, how often the log says so (MassTransit's own retry lines are held back).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutageSummaryInterval { get; set; } = TimeSpan.FromMinutes(1);

    public override string ToString() => $"RabbitMq {{ Host = {Uri.Host}:{Uri.Port} }}";
}
