using EventBridge.Worker.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddEventBridgeLogging();
builder.AddEventBridgeWorker();
builder.AddEventBridgeWeb();

var app = builder.Build();
app.MapEventBridge();
await app.RunAsync();
