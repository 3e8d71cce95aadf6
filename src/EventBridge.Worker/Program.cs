using EventBridge.Worker.Hosting;

if (DoctorCommand.IsInvoked(args)) return await DoctorCommand.RunAsync(args, Console.Out);

var builder = WebApplication.CreateBuilder(args);
builder.AddEventBridgeLogging();
builder.AddEventBridgeWorker();
builder.AddEventBridgeWeb();

var app = builder.Build();
app.MapEventBridge();
await app.RunAsync();
return 0;
