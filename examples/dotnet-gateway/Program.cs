// A .NET gateway with nothing of EventBridge but the EventBridge.Contracts package: publishes one wrap-up intent and
// waits for its outcome. Usage: dotnet DotnetGateway.dll <amqp uri> <conversation id> <wrap-up code> [seconds to wait]
// Exit 0: applied; 1: failed (the reason is printed); 2: no outcome in time, or bad arguments.
using EventBridge.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 3 || !Uri.TryCreate(args[0], UriKind.Absolute, out var broker))
{
    Console.Error.WriteLine("usage: DotnetGateway <amqp uri> <conversation id> <wrap-up code> [seconds to wait]");
    return 2;
}

var wait = TimeSpan.FromSeconds(args.Length > 3 && int.TryParse(args[3], out var seconds) ? seconds : 60);
var intent = new WrapUpIntent
{
    IntentId = Guid.NewGuid(), ConversationId = args[1], WrapUpCode = args[2], Disconnect = true, RequestedBy = "dotnet-gateway",
};
var outcome = new Outcome(intent.IntentId);

await using var services = new ServiceCollection()
    .AddSingleton(outcome)
    .AddMassTransit(bus =>
    {
        bus.AddConsumer<OutcomeConsumer>();
        bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(broker);
            // No entity names here: the contracts carry them.
            cfg.ReceiveEndpoint($"dotnet-gateway-{intent.IntentId:N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.ConfigureConsumer<OutcomeConsumer>(context);
            });
        });
    })
    .BuildServiceProvider();
var control = services.GetRequiredService<IBusControl>();
await control.StartAsync();
try
{
    await control.Publish(intent);
    Console.WriteLine($"published intent {intent.IntentId} for conversation {intent.ConversationId}");
    var final = await outcome.Final.WaitAsync(wait);
    switch (final)
    {
        case WrapUpApplied applied:
            Console.WriteLine($"applied {applied.WrapUpCodeName} via {applied.AppliedVia}");
            return 0;
        case WrapUpFailed failed:
            Console.WriteLine($"failed {failed.Reason}: {failed.Detail}");
            return 1;
        default:
            return 2;
    }
}
catch (TimeoutException)
{
    Console.WriteLine($"no outcome within {wait.TotalSeconds:0} s");
    return 2;
}
finally
{
    await control.StopAsync();
}

internal sealed class Outcome(Guid intentId)
{
    private readonly TaskCompletionSource<object> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object> Final => _final.Task;

    public void Record(Guid id, object message)
    {
        if (id == intentId) _final.TrySetResult(message);
    }
}

internal sealed class OutcomeConsumer(Outcome outcome) : IConsumer<WrapUpApplied>, IConsumer<WrapUpFailed>
{
    public Task Consume(ConsumeContext<WrapUpApplied> context)
    {
        outcome.Record(context.Message.IntentId, context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<WrapUpFailed> context)
    {
        outcome.Record(context.Message.IntentId, context.Message);
        return Task.CompletedTask;
    }
}
