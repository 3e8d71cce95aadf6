using EventBridge.Genesys.Simulator.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGenesysSimulator();
var app = builder.Build();
app.UseGenesysSimulator();
app.Run();
