using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpsBot.Incidents;
using OpsBot.Tests.EndToEnd;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Incidents;

/// <summary>
/// S1 run as an incident, end to end through the console API of the real host: declare SEV1 → triage in the incident's
/// channel → the memory button → bob approves → verified → the draft update (written from the incident) names the root
/// cause and the action → the commander approves → the stakeholder channel gets it once → resolve → the postmortem holds
/// the action's diff and its approver. Once on SQLite, once on PostgreSQL.
/// </summary>
public sealed class IncidentS01EndToEndTests
{
    [Fact]
    public Task S01AsAnIncident_OnSqlite_TimelineUpdateAndPostmortemComeFromWhatOpsBotDid() => RunAsync();

    internal static async Task RunAsync(params (string Key, string Value)[] settings)
    {
        await using var drill = await EndToEndConsole.StartDrillAsync("s01-frontend-memory-leak", settings);
        var declared = await drill.Alice.RunAsync("/incident declare sev1 \"Checkout returns 500s\" -n ecommerce-production");
        var id = IncidentConsoleTests.IdIn(declared);
        drill.MoveTo(id.LowerCase);
        await drill.AdvanceAsync("12m");

        var triage = await drill.TriageAsync("/triage frontend", "OOMKilled", "deployment/frontend");
        var card = await drill.PressSuggestedAsync(triage, Assert.Single(triage.Commands("raise-memory-limit")));
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card);

        var draft = await drill.Bob.RunAsync("/incident update");
        var draftText = ConsoleClient.Text(draft);
        Assert.Contains("What we know: ", draftText, StringComparison.Ordinal);
        Assert.DoesNotContain("still looking for the cause", draftText, StringComparison.Ordinal);
        Assert.Contains("What we did:", draftText, StringComparison.Ordinal);
        Assert.Contains("frontend", draftText, StringComparison.Ordinal);
        Assert.Contains("done and verified", draftText, StringComparison.Ordinal);
        var approve = Assert.Single(IncidentConsoleTests.Buttons(draft), button => (string?)button["actionId"] == IncidentActionIds.ApproveUpdate);
        var approved = await drill.Alice.PressAsync(IncidentActionIds.ApproveUpdate, (string)approve["value"]!, (string?)draft["messageId"]);
        Assert.False((bool)approved["ephemeral"]!, ConsoleClient.Text(approved));
        var stakeholders = IncidentConsoleTests.Messages(await new ConsoleClient(drill.Http, "alice", "status").FeedAsync());
        Assert.Contains("done and verified", (string?)Assert.Single(stakeholders)["message"]!["text"], StringComparison.Ordinal);

        var resolved = await drill.Alice.RunAsync("/incident status resolved \"memory limit raised; no more OOM kills\"");
        Assert.False((bool)resolved["ephemeral"]!, ConsoleClient.Text(resolved));
        await drill.Alice.RunAsync("/incident postmortem");
        var postmortem = await drill.Http.GetStringAsync(IncidentEndpoints.PostmortemPath(id));

        // The diff of the action, as Markdown escapes it (containers\[frontend\]…): before and after.
        Assert.Contains("resources.limits.memory", postmortem, StringComparison.Ordinal);
        Assert.Contains("512Mi", postmortem, StringComparison.Ordinal);
        Assert.Contains("1536Mi", postmortem, StringComparison.Ordinal);
        Assert.Contains("bob", postmortem, StringComparison.Ordinal);
        Assert.Contains("OOMKilled", postmortem, StringComparison.OrdinalIgnoreCase);
        var incident = await drill.Http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}");
        var kinds = incident!["timeline"]!.AsArray().Select(entry => (string?)entry!["kind"]).ToList();
        Assert.Contains("RootCauseFound", kinds);
        Assert.Contains("WorkflowLinked", kinds);
        Assert.Contains("CommandRun", kinds);
        Assert.True(kinds.Count(kind => kind == "WorkflowStep") >= 3, string.Join(", ", kinds));
        Assert.Single(incident["updates"]!.AsArray(), update => (string?)update!["status"] == "sent");
    }
}
