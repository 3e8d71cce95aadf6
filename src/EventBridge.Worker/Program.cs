using EventBridge.Pipeline;
using EventBridge.Worker.Hosting;
using EventBridge.Worker.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventBridgeLogging();
builder.AddGenesysConnection();
builder.Services.AddWrapUpPipeline(builder.Configuration);
builder.Services.AddHostedService<RateBudgetLogger>();
builder.Services.AddEventBridgeMessaging(bus => bus.AddWrapUpConsumers(), cfg => cfg.UseWrapUpTopology());

var app = builder.Build();
app.MapEventBridgeHealth();
await app.RunAsync();
