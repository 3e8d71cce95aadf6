using RabbitMQ.Client;

namespace EventBridge.Testing;

/// <summary>The real RabbitMQ node that deploy/test.sh starts for the suite.</summary>
public static class TestBroker
{
    public const string UriVariable = "EVENTBRIDGE_RABBITMQ";

    public static Uri Uri
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(UriVariable);
            if (string.IsNullOrWhiteSpace(value))
                Assert.Fail($"{UriVariable} is not set: run the suite with 'bash deploy/test.sh', which starts a throwaway RabbitMQ and sets it.");
            return new Uri(value!);
        }
    }

    /// <summary>A queue name no other test run shares, so runs never see each other's leftovers.</summary>
    public static string UniqueQueue(string purpose) => $"test-{purpose}-{Guid.NewGuid():N}";

    /// <summary>Deletes queues (and their _error/_skipped twins) so a fixture starts from an empty broker state.</summary>
    public static async Task DeleteQueuesAsync(params string[] queues)
    {
        var factory = new ConnectionFactory { Uri = Uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in queues.SelectMany(q => new[] { q, q + "_error", q + "_skipped" }))
            await channel.QueueDeleteAsync(queue);
    }

    /// <summary>Reads (and removes) every message now in a queue: body and headers.</summary>
    public static async Task<IReadOnlyList<BrokerMessage>> DrainAsync(string queue, Uri? broker = null)
    {
        var factory = new ConnectionFactory { Uri = broker ?? Uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<BrokerMessage>();
        try
        {
            await channel.QueueDeclarePassiveAsync(queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return messages; // not declared yet: nothing has been dead-lettered
        }

        while (await channel.BasicGetAsync(queue, autoAck: true) is { } got)
        {
            var headers = (got.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : h.Value?.ToString());
            messages.Add(new BrokerMessage(System.Text.Encoding.UTF8.GetString(got.Body.Span), headers));
        }

        return messages;
    }

    /// <summary>Publishes a raw message as a non-.NET client (Node's amqplib) would: persistent, to the default exchange.</summary>
    /// <param name="headers">AMQP headers, as amqplib's <c>headers</c> option sets them (e.g. <c>MT-Activity-Id</c> to join a trace).</param>
    public static async Task PublishRawAsync(string queue, string body, string? contentType = "application/json", Uri? broker = null,
        IDictionary<string, object?>? headers = null)
    {
        var factory = new ConnectionFactory { Uri = broker ?? Uri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, Headers = headers };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, System.Text.Encoding.UTF8.GetBytes(body));
    }
}
