using OpsBot.Commands;
using OpsBot.Hosting;
using OpsBot.Operations;
using OpsBot.Triage;
using OpsBot.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddOpsBotHost();
builder.Services.AddOpsBotCluster(builder.Configuration);
builder.Services.AddOpsBotCommands(builder.Configuration);
builder.Services.AddOpsBotTriage();
builder.Services.AddOpsBotMetering();

var app = builder.Build();
app.MapOperationsEndpoints();
app.MapConsoleEndpoints();
app.Run();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
