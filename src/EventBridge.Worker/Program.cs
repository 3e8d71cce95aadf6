using EventBridge.DeadLetters;
using EventBridge.DeadLetters.Api;
using EventBridge.Dashboard;
using EventBridge.Pipeline;
using EventBridge.Storage.Postgres;
using EventBridge.Worker.Api;
using EventBridge.Worker.Hosting;
using EventBridge.Worker.Messaging;
using EventBridge.Worker.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventBridgeLogging();
builder.AddEventBridgeAuth(embeddedSimulator: GenesysConnectionSetup.UsesEmbeddedSimulator(builder.Configuration));
builder.AddGenesysConnection();
// IntentStore:Provider Postgres: the stores replicas share (intents, journal, dead letters, audit); otherwise SQLite files.
builder.Services.AddPostgresStores(builder.Configuration);
builder.Services.AddWrapUpPipeline(builder.Configuration);
// After the pipeline: hosted services start in order, and the intent store must be migrated before letters are read.
builder.Services.AddDeadLetterReview(builder.Configuration);
builder.Services.AddHostedService<RateBudgetLogger>();
builder.Services.AddEventBridgeHealth();
builder.Services.AddEventBridgeMessaging(bus => bus.AddWrapUpConsumers(), cfg => cfg.UseWrapUpTopology());
builder.Services.AddEventBridgeApi();
builder.Services.AddLoginRateLimit();

var app = builder.Build();
app.UseEventBridgeApiErrors();
app.UseEventBridgeAuth();
app.UseRateLimiter();
app.MapEventBridgeHealth();
app.MapEventBridgeMetrics();
app.MapAuthEndpoints();
app.MapEventBridgeApi();
app.MapDeadLetterApi(EventBridgeRoles.Policies.View, EventBridgeRoles.Policies.Support);
app.MapEventBridgeDashboard();
await app.RunAsync();
