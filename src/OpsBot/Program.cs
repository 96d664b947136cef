using OpsBot.Chat.Slack;
using OpsBot.Commands;
using OpsBot.Hosting;
using OpsBot.Operations;
using OpsBot.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddOpsBotHost();
builder.Services.AddOpsBotCluster(builder.Configuration);
builder.Services.AddOpsBotCommands(builder.Configuration);
builder.Services.AddOpsBotMetering();
builder.Services.AddOpsBotSlack(builder.Configuration);

var app = builder.Build();
app.MapOperationsEndpoints();
app.MapConsoleEndpoints();
app.MapSlackEndpoints();
app.Run();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
