using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Worker.Tests.Broker;

/// <summary>
/// Smoke test of the messaging stack itself: MassTransit 8.5.12 against the Debian RabbitMQ the suite starts.
/// If this fails, every integration test after it would fail for the same reason.
/// </summary>
[TestFixture]
public sealed class When_a_message_is_published_to_the_real_broker
{
    [Test]
    public async Task Should_round_trip_through_a_durable_queue_with_publisher_confirms()
    {
        var queue = TestBroker.UniqueQueue("smoke");
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x =>
            {
                x.AddConsumer<PingConsumer>();
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(TestBroker.Uri); // publisher confirms are on by default
                    cfg.ReceiveEndpoint(queue, e =>
                    {
                        // Durable, not auto-delete: the send endpoint declares the queue durable too, and RabbitMQ
                        // refuses a re-declaration with other flags (406), which MassTransit retries forever.
                        e.Durable = true;
                        e.ConfigureConsumer<PingConsumer>(context);
                    });
                });
            })
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            var sent = new Ping { Id = Guid.NewGuid(), Text = "hello broker" };
            var endpoint = await harness.Bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            await endpoint.Send(sent);

            Assert.That(await harness.Consumed.Any<Ping>(m => m.Context.Message.Id == sent.Id), Is.True,
                "the message never came back from RabbitMQ");
            var consumed = await harness.Consumed.SelectAsync<Ping>(m => m.Context.Message.Id == sent.Id).First();
            Assert.Multiple(() =>
            {
                Assert.That(consumed.Context.Message.Text, Is.EqualTo(sent.Text));
                Assert.That(consumed.Context.ReceiveContext.InputAddress!.AbsolutePath, Does.EndWith(queue));
                Assert.That(consumed.Exception, Is.Null);
            });
        }
        finally
        {
            await harness.Stop();
        }
    }
}

public sealed record Ping
{
    public Guid Id { get; init; }
    public string Text { get; init; } = "";
}

public sealed class PingConsumer : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context) => Task.CompletedTask;
}
