using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpsBot.Console;
using OpsBot.Testing;
using OpsBot.Tests.Console;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Tests.Incidents;

/// <summary>The dashboard's incidents panel: the open incidents and MTTA/MTTR over 30 days, on a fake clock, and through the real host.</summary>
public sealed class DashboardIncidentsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("console", "alice", "incident") { Name = "alice" };

    [Fact]
    public async Task ReadAsync_OpenIncidentsAndMetrics_ListsTheOpenOnesMostSevereFirst_AndAveragesWhatWasReached()
    {
        var clock = new ManualTimeProvider(T0);
        var incidents = new IncidentService(new InMemoryIncidentStore(), new EveryoneMayRespond(), new IncidentOptions(), clock);
        // Old: outside the 30 days, counted nowhere.
        await incidents.ResolveAsync(await DeclareAsync(incidents, "sev3", "Last month's blip"), Alice, null);
        clock.Advance(TimeSpan.FromDays(31));
        var start = clock.GetUtcNow();
        // A: acknowledged after 4 min, resolved after 60 min.
        var a = await DeclareAsync(incidents, "sev2", "Checkout <script>alert(1)</script>");
        clock.Advance(TimeSpan.FromMinutes(4));
        await incidents.ChangeStatusAsync(a, IncidentTrigger.Investigate, Alice, null);
        clock.Advance(TimeSpan.FromMinutes(56));
        await incidents.ResolveAsync(a, Alice, null);
        // B: acknowledged after 10 min, still open. C: a SEV1 never acknowledged. D: a false alarm (not counted).
        var b = await DeclareAsync(incidents, "sev3", "Slow search");
        clock.Advance(TimeSpan.FromMinutes(10));
        await incidents.ChangeStatusAsync(b, IncidentTrigger.Investigate, Alice, null);
        var c = await DeclareAsync(incidents, "sev1", "Payments down");
        var d = await DeclareAsync(incidents, "sev4", "Noise");
        await incidents.ChangeStatusAsync(d, IncidentTrigger.Cancel, Alice, "false alarm");
        clock.Advance(TimeSpan.FromMinutes(50));

        var panel = await new DashboardIncidents(incidents, clock).ReadAsync();

        var open = panel["open"]!.AsArray().Select(row => row!.AsObject()).ToList();
        Assert.Equal([c, b], open.Select(row => (string?)row["id"]).ToList());
        var sev1 = open[0];
        Assert.Equal(("Payments down", "declared", "SEV1", "alice", "50m"), ((string?)sev1["title"], (string?)sev1["state"], (string?)sev1["severity"], (string?)sev1["commander"], (string?)sev1["age"]));
        // Due 30 min after the declaration, overdue 15 min later: at +50 it is both.
        Assert.Equal(("due since 20m", true), ((string?)sev1["nextUpdateDue"], (bool?)sev1["updateOverdue"]));
        Assert.Equal(((start + TimeSpan.FromMinutes(100)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)), (string?)sev1["nextUpdateDueAt"]);
        Assert.StartsWith("in 3h", (string?)open[1]["nextUpdateDue"], StringComparison.Ordinal);
        var metrics = panel["metrics"]!.AsObject();
        Assert.Equal((30, 3, 2, 1), ((int)metrics["windowDays"]!, (int)metrics["incidents"]!, (int)metrics["acknowledged"]!, (int)metrics["resolved"]!));
        Assert.Equal((7 * 60.0, 60 * 60.0), ((double)metrics["mttaSeconds"]!, (double)metrics["mttrSeconds"]!));
        Assert.Equal(("7m", "60m"), ((string?)metrics["mtta"], (string?)metrics["mttr"]));
    }

    [Fact]
    public async Task DashboardIncidentsApi_AfterADeclare_ShowsItOpen_AndThePageLoadsThePanel()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var reply = await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev2 \"Checkout <b>slow</b>\"");

        var panel = await http.GetFromJsonAsync<JsonObject>("/api/dashboard/incidents");
        var page = await http.GetStringAsync("/dashboard");
        var script = await http.GetStringAsync("/dashboard-incidents.js");

        var row = Assert.Single(panel!["open"]!.AsArray())!;
        Assert.Contains((string)row["id"]!, ConsoleClient.Text(reply), StringComparison.Ordinal);
        Assert.Equal(("Checkout <b>slow</b>", "SEV2", "declared"), ((string?)row["title"], (string?)row["severity"], (string?)row["state"]));
        Assert.Null((string?)panel["metrics"]!["mtta"]);
        Assert.Contains("<script src=\"/dashboard-incidents.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("textContent", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }

    private static async Task<string> DeclareAsync(IncidentService incidents, string severity, string title) =>
        (await incidents.DeclareAsync(new IncidentDeclaration { Title = title, Severity = severity, DeclaredBy = Alice, DeclaredIn = "console:incident", Namespace = "shop" })).Incident!.Id.ToString();

    private sealed class EveryoneMayRespond : IIncidentPermissionChecker
    {
        public bool HoldsIncident(Actor actor, string ns) => true;
    }
}
