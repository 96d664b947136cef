using OpsBot.ActionWorkflows;
using OpsBot.Actions;
using OpsBot.Caching;
using OpsBot.Checks;
using OpsBot.Commands;
using OpsBot.Console;
using OpsBot.Hosting;
using OpsBot.Jobs;
using OpsBot.Incidents;
using OpsBot.Operations;
using OpsBot.Simulation;
using OpsBot.Slack;
using OpsBot.Storage;
using OpsBot.Teams;
using OpsBot.Triage;

StartupRefusals.ReportAsOneLine();
var builder = WebApplication.CreateBuilder(args);
builder.AddOpsBotHost();
builder.Services.AddOpsBotStorage(builder.Configuration);
builder.Services.AddOpsBotCluster(builder.Configuration);
builder.Services.AddOpsBotClusterCache(builder.Configuration);
builder.Services.AddOpsBotCommands(builder.Configuration);
builder.Services.AddOpsBotActions();
builder.Services.AddOpsBotActionWorkflows(builder.Configuration);
builder.Services.AddOpsBotDrills();
builder.Services.AddOpsBotTriage();
builder.Services.AddOpsBotIncidents(builder.Configuration);
builder.Services.AddOpsBotTelemetry(builder.Configuration);
builder.Services.AddOpsBotLogging(builder.Configuration);
builder.Services.AddOpsBotConsole();
builder.Services.AddOpsBotSlack(builder.Configuration);
builder.Services.AddOpsBotTeams(builder.Configuration);
builder.Services.AddOpsBotJobs(builder.Configuration);
builder.Services.AddOpsBotChecks(builder.Configuration);

var app = builder.Build();
app.MapOperationsEndpoints();
app.MapConsoleEndpoints();
app.MapDashboardEndpoints();
app.MapJobsDashboard();
app.MapIncidentEndpoints();
app.MapStatusPage();
app.MapSlackEndpoints();
app.MapTeamsEndpoints();
app.Run();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
