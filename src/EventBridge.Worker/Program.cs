using EventBridge.Worker.Hosting;

if (DoctorCommand.IsInvoked(args)) return await DoctorCommand.RunAsync(args, Console.Out);

var builder = WebApplication.CreateBuilder(args);
// Under systemd (deploy/systemd, Type=notify): READY=1 once started, STOPPING=1 on SIGTERM, journal-friendly console
// lines. Elsewhere it does nothing.
builder.Services.AddSystemd();
builder.AddEventBridgeLogging();
builder.AddEventBridgeWorker();
builder.AddEventBridgeWeb();

var app = builder.Build();
app.MapEventBridge();
await app.RunAsync();
// Not 0: a replica that lost the listener lease sets 75 (ListenerRole) for its supervisor to restart it as a stand-by.
return Environment.ExitCode;
