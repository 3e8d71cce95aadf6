using EventBridge.Worker.Hosting;
using EventBridge.Worker.Listening;
using EventBridge.Worker.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventBridgeLogging();
builder.AddGenesysConnection();
builder.Services.AddEventBridgeMessaging();
builder.Services.AddOptions<ListeningOptions>().BindConfiguration(ListeningOptions.Section);
builder.Services.AddHostedService<QueueTopicListener>();

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
await app.RunAsync();
