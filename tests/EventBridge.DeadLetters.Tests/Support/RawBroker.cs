using System.Text;
using RabbitMQ.Client;

namespace EventBridge.DeadLetters.Tests.Support;

/// <summary>Plain RabbitMQ.Client calls against one vhost: what a Node publisher or MassTransit's error transport does.</summary>
public static class RawBroker
{
    public static async Task PublishAsync(Uri uri, string queue, string body, string? contentType = "application/json",
        IDictionary<string, object?>? headers = null, string? messageId = null)
    {
        var factory = new ConnectionFactory { Uri = uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, Headers = headers, MessageId = messageId };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Declares a queue as MassTransit declares an error queue of a classic input queue: durable, no arguments.</summary>
    public static async Task DeclareAsync(Uri uri, string queue)
    {
        var factory = new ConnectionFactory { Uri = uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
    }

    /// <summary>Ready messages in the queue (unacknowledged ones are not counted).</summary>
    public static async Task<uint> CountAsync(Uri uri, string queue)
    {
        var factory = new ConnectionFactory { Uri = uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }
}
