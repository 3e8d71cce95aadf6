using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace EventBridge.Testing;

/// <summary>
/// A caller of EventBridge as a gateway is one: a bus on the workers' broker that publishes intents and collects every
/// outcome event in <see cref="Outcomes"/> on a temporary queue of its own.
/// </summary>
public sealed class OutcomeCaller : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OutcomeCaller(ServiceProvider services, OutcomeCollector outcomes)
    {
        _services = services;
        Outcomes = outcomes;
    }

    public OutcomeCollector Outcomes { get; }

    public IBus Bus => _services.GetRequiredService<IBus>();

    /// <summary>
    /// Nothing but the contracts: the exchange names come from their <c>[EntityName]</c>, as for any .NET publisher
    /// with only <c>EventBridge.Contracts</c>.
    /// </summary>
    public static async Task<OutcomeCaller> StartAsync(Uri broker, string name)
    {
        var outcomes = new OutcomeCollector();
        var services = new ServiceCollection()
            .AddSingleton(outcomes)
            .AddMassTransit(bus =>
            {
                bus.AddConsumer<OutcomeConsumer>();
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(broker);
                    cfg.ReceiveEndpoint(TestBroker.UniqueQueue($"{name}-outcomes"), e =>
                    {
                        e.AutoDelete = true;
                        e.Durable = false;
                        e.ConfigureConsumer<OutcomeConsumer>(context);
                    });
                });
            })
            .BuildServiceProvider();
        await services.GetRequiredService<IBusControl>().StartAsync();
        return new OutcomeCaller(services, outcomes);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<IBusControl>().StopAsync();
        await _services.DisposeAsync();
    }
}
