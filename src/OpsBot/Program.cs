using OpsBot.Chat.Teams;
using OpsBot.Commands;
using OpsBot.Hosting;
using OpsBot.Operations;
using OpsBot.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddOpsBotHost();
builder.Services.AddOpsBotCluster(builder.Configuration);
builder.Services.AddOpsBotCommands(builder.Configuration);
builder.Services.AddOpsBotMetering();
builder.Services.AddOpsBotTeams(builder.Configuration);

var app = builder.Build();
app.MapOperationsEndpoints();
app.MapConsoleEndpoints();
app.MapTeamsEndpoints();
app.Run();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
