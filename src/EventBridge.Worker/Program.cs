using EventBridge.Pipeline;
using EventBridge.Worker.Api;
using EventBridge.Worker.Hosting;
using EventBridge.Worker.Messaging;
using EventBridge.Worker.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventBridgeLogging();
builder.AddEventBridgeAuth(embeddedSimulator: GenesysConnectionSetup.UsesEmbeddedSimulator(builder.Configuration));
builder.AddGenesysConnection();
builder.Services.AddWrapUpPipeline(builder.Configuration);
builder.Services.AddHostedService<RateBudgetLogger>();
builder.Services.AddEventBridgeMessaging(bus => bus.AddWrapUpConsumers(), cfg => cfg.UseWrapUpTopology());
builder.Services.AddEventBridgeApi();
builder.Services.AddLoginRateLimit();

var app = builder.Build();
app.UseEventBridgeAuth();
app.UseRateLimiter();
app.MapEventBridgeHealth();
app.MapAuthEndpoints();
app.MapEventBridgeApi();
await app.RunAsync();
