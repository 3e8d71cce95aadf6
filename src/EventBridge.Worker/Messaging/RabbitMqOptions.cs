using System.ComponentModel.DataAnnotations;

namespace EventBridge.Worker.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    /// <summary>amqp://user:password@host:port/vhost. deploy/run.sh and deploy/test.sh set it for their broker.</summary>
    [Required]
    public Uri Uri { get; set; } = new("amqp://guest:guest@127.0.0.1:5672/");

    public override string ToString() => $"RabbitMq {{ Host = {Uri.Host}:{Uri.Port} }}";
}
