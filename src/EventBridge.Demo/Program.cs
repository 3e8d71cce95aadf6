using EventBridge.Contracts;
using EventBridge.Demo;
using EventBridge.Pipeline;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

// Plays DemoScript against a running worker and its embedded simulator, then prints what happened.
// Usage: EventBridge.Demo <amqp-uri> <simulator-url>
var broker = new Uri(args.ElementAtOrDefault(0) ?? "amqp://guest:guest@127.0.0.1:5672/");
var simulatorUrl = new Uri((args.ElementAtOrDefault(1) ?? "http://127.0.0.1:5077").TrimEnd('/') + "/");
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));

await using var services = new ServiceCollection()
    .AddMassTransit(bus =>
    {
        bus.DisableUsageTelemetry();
        bus.AddConsumer<OutcomeInbox>();
        bus.UsingRabbitMq((context, cfg) =>
        {
            cfg.Host(broker);
            cfg.ReceiveEndpoint($"eventbridge-demo-outcomes-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.ConfigureConsumer<OutcomeInbox>(context);
            });
        });
    })
    .BuildServiceProvider();
var busControl = services.GetRequiredService<IBusControl>();
await busControl.StartAsync(cancel.Token);
using var http = new HttpClient { BaseAddress = simulatorUrl };
var simulator = new SimulatorControlClient(http);

var results = new List<(DemoCase Case, DemoRun Run, object? Outcome)>();
foreach (var demoCase in DemoScript.Cases)
{
    var run = new DemoRun(simulator, busControl, cancel.Token);
    await demoCase.Play(run);
    results.Add((demoCase, run, null));
}

for (var i = 0; i < results.Count; i++)
{
    var waiting = OutcomeInbox.FinalOf(results[i].Run.IntentId);
    var outcome = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(30), cancel.Token)) == waiting ? await waiting : null;
    results[i] = results[i] with { Outcome = outcome };
}

var matched = DemoReport.Print(results.Select(r => (r.Case, r.Run.ConversationId, r.Outcome)).ToList(), await simulator.OracleAsync(cancel.Token));
await busControl.StopAsync(CancellationToken.None);
return matched ? 0 : 1;
