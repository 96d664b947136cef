using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.Incidents;
using OpsBot.Tests.Console;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Tests.Incidents;

/// <summary>
/// Incidents through the console API of the real host (SQLite under a private data folder): alice and bob are SREs
/// (the shipped <c>sre</c> role holds <c>incident</c>), carol is a viewer; approved updates go to <c>console:status</c>.
/// </summary>
public sealed partial class IncidentConsoleTests
{
    [Fact]
    public async Task Declare_FromTheConsole_OpensTheIncidentChannelWithItsCardAndListsIt()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var alice = new ConsoleClient(http, "alice", "incident");

        var reply = await alice.RunAsync("/incident declare sev2 \"Checkout <b>returns</b> 500s\" -n ecommerce-production");

        Assert.False((bool)reply["ephemeral"]!, ConsoleClient.Text(reply));
        var id = IdIn(reply);
        Assert.Contains($"Worked in #{id.LowerCase}", ConsoleClient.Text(reply), StringComparison.Ordinal);
        var card = Assert.Single(Messages(await new ConsoleClient(http, "alice", id.LowerCase).FeedAsync()));
        Assert.Equal($"🚨 {id} · SEV2 · Checkout <b>returns</b> 500s", (string?)card["message"]!["header"]);
        var buttons = Buttons(card).Select(button => (string?)button["actionId"]).ToList();
        Assert.Contains(IncidentActionIds.TakeCommand, buttons);
        Assert.Contains(IncidentActionIds.DraftUpdate, buttons);
        var listed = Assert.Single((await http.GetFromJsonAsync<JsonObject>("/api/incidents?open=true"))!["incidents"]!.AsArray());
        Assert.Equal((id.ToString(), id.LowerCase, "declared", "alice"), ((string?)listed!["id"], (string?)listed["channel"], (string?)listed["state"], (string?)listed["commander"]));
        Assert.Equal("ecommerce-production", (string?)listed["namespace"]);
    }

    [Theory]
    [InlineData("alice", "incident", "/incident declare sev5 \"Checkout down\"", "\"sev5\" is not a severity")]
    [InlineData("alice", "incident", "/incident declare p1 \"Checkout down\"", "is not a severity")]
    [InlineData("alice", "incident", "/incident note failover started", "This channel is not an incident's channel: add --incident")]
    [InlineData("alice", "incident", "/incident status identified --incident INC-2026-9999", "There is no incident INC-2026-9999.")]
    [InlineData("alice", "incident", "/incident status identified --incident nonsense", "\"nonsense\" is not an incident id")]
    [InlineData("alice", "incident", "/incident show INC-1", "\"INC-1\" is not an incident id")]
    [InlineData("alice", "incident", "/incident declare sev1 \"Checkout down\" --commander @mallory", "I don't know who \"@mallory\" is")]
    [InlineData("carol", "incident", "/incident declare sev1 \"Checkout down\"", "incident")]
    public async Task BadInput_IsAnsweredPrivately_AndDeclaresNothing(string user, string channel, string command, string expected)
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();

        var reply = await new ConsoleClient(http, user, channel).RunAsync(command);

        Assert.True((bool)reply["ephemeral"]!, ConsoleClient.Text(reply));
        Assert.Contains(expected, ConsoleClient.Text(reply), StringComparison.Ordinal);
        Assert.Empty((await http.GetFromJsonAsync<JsonObject>("/api/incidents"))!["incidents"]!.AsArray());
    }

    [Fact]
    public async Task Declare_TitleOver200Characters_IsRefusedWithTheLimit()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();

        var reply = await new ConsoleClient(http).RunAsync($"/incident declare sev1 \"{new string('x', 201)}\"");

        Assert.True((bool)reply["ephemeral"]!);
        Assert.Contains("TITLE is too long (201 characters); the limit is 200.", ConsoleClient.Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StakeholderUpdate_DraftedByBob_ApprovedByAliceNotByItsAuthor_ReachesTheStakeholderChannelOnce()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var id = IdIn(await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev1 \"Checkout returns 500s\""));
        var alice = new ConsoleClient(http, "alice", id.LowerCase);
        var bob = new ConsoleClient(http, "bob", id.LowerCase);
        var status = new ConsoleClient(http, "alice", "status");

        var draft = await bob.RunAsync("/incident update \"We are investigating errors at checkout; next update in 30 minutes.\"");
        var approve = Assert.Single(Buttons(draft), button => (string?)button["actionId"] == IncidentActionIds.ApproveUpdate);
        var value = (string)approve["value"]!;
        var byAuthor = await bob.PressAsync(IncidentActionIds.ApproveUpdate, value, (string?)draft["messageId"]);
        var byCommander = await alice.PressAsync(IncidentActionIds.ApproveUpdate, value, (string?)draft["messageId"]);
        var again = await alice.PressAsync(IncidentActionIds.ApproveUpdate, value, (string?)draft["messageId"]);

        Assert.True((bool)byAuthor["ephemeral"]!, ConsoleClient.Text(byAuthor));
        Assert.False((bool)byCommander["ephemeral"]!, ConsoleClient.Text(byCommander));
        Assert.Contains("sent", ConsoleClient.Text(byCommander), StringComparison.Ordinal);
        Assert.True((bool)again["ephemeral"]!, ConsoleClient.Text(again));
        var sent = Assert.Single(Messages(await status.FeedAsync()));
        Assert.Contains("We are investigating errors at checkout", (string?)sent["message"]!["text"], StringComparison.Ordinal);
        var timeline = ConsoleClient.Text(await alice.RunAsync("/incident timeline"));
        Assert.Contains("bob: Update #1 drafted", timeline, StringComparison.Ordinal);
        Assert.Contains("alice: Update #1 approved", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_Sev1AskedByBob_TheCommanderApproves_ThenPostmortemAndClose()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var id = IdIn(await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev1 \"Checkout returns 500s\" -n ecommerce-production"));
        var alice = new ConsoleClient(http, "alice", id.LowerCase);
        var bob = new ConsoleClient(http, "bob", id.LowerCase);

        var asked = await bob.RunAsync("/incident status resolved \"error rate back to normal\"");
        var early = await alice.RunAsync("/incident close");
        var byBob = await bob.PressAsync(IncidentActionIds.ApproveResolve, id.ToString());
        var approved = await alice.PressAsync(IncidentActionIds.ApproveResolve, id.ToString());
        var closeWithout = await alice.RunAsync("/incident close");
        var postmortem = await alice.RunAsync("/incident postmortem");
        var markdown = await http.GetStringAsync($"/api/incidents/{id}/postmortem.md");
        var closed = await alice.RunAsync("/incident close");

        Assert.False((bool)asked["ephemeral"]!, ConsoleClient.Text(asked));
        Assert.Contains("Asked the commander to resolve", ConsoleClient.Text(asked), StringComparison.Ordinal);
        Assert.True((bool)early["ephemeral"]!);
        Assert.True((bool)byBob["ephemeral"]!, ConsoleClient.Text(byBob));
        Assert.False((bool)approved["ephemeral"]!, ConsoleClient.Text(approved));
        Assert.True((bool)closeWithout["ephemeral"]!);
        Assert.Contains("postmortem", ConsoleClient.Text(closeWithout), StringComparison.Ordinal);
        Assert.Contains(IncidentEndpoints.PostmortemPath(id), ConsoleClient.Text(postmortem), StringComparison.Ordinal);
        Assert.Contains("Checkout returns 500s", markdown, StringComparison.Ordinal);
        Assert.Contains("error rate back to normal", markdown, StringComparison.Ordinal);
        Assert.False((bool)closed["ephemeral"]!, ConsoleClient.Text(closed));
        var incident = await http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}");
        Assert.Equal("closed", (string?)incident!["state"]);
    }

    [Fact]
    public async Task Resolve_TwoPeoplePressAtOnce_OneTransitionAndTheOtherIsTold()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var id = IdIn(await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev3 \"Slow search\""));
        var value = IncidentActionIds.Value(id, nameof(IncidentTrigger.Resolve));

        var presses = await Task.WhenAll(new[] { "alice", "bob", "alice", "bob" }.Select(user => new ConsoleClient(http, user, id.LowerCase).PressAsync(IncidentActionIds.Status, value)));

        Assert.Single(presses, reply => !(bool)reply["ephemeral"]!);
        Assert.All(presses.Where(reply => (bool)reply["ephemeral"]!), reply => Assert.Contains("resolved", ConsoleClient.Text(reply), StringComparison.Ordinal));
        var incident = await http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}");
        Assert.Equal("resolved", (string?)incident!["state"]);
        Assert.Single(incident["timeline"]!.AsArray(), entry => (string?)entry!["kind"] == "StatusChanged");
    }

    [Fact]
    public async Task Timeline_RecordsCommandsRunInTheIncidentChannel_NotElsewhere()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var id = IdIn(await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev2 \"Checkout returns 500s\""));
        var inChannel = new ConsoleClient(http, "bob", id.LowerCase);

        await inChannel.RunAsync("/k8s pods -n ecommerce-production");
        await new ConsoleClient(http, "bob", "sre").RunAsync("/k8s nodes");
        await inChannel.RunAsync("/incident note \"failover of the <script>db</script> started\"");
        var timeline = ConsoleClient.Text(await inChannel.RunAsync("/incident timeline"));

        Assert.Contains("bob: /k8s pods -n ecommerce-production →", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("/k8s nodes", timeline, StringComparison.Ordinal);
        Assert.Contains("failover of the <script>db</script> started", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShowsTheIncidentMachineBesideTheActionWorkflow()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();

        var dashboard = await http.GetFromJsonAsync<JsonObject>("/api/dashboard");

        var machines = dashboard!["stateMachines"]!.AsArray().Select(machine => machine!.AsObject()).ToList();
        Assert.Equal(IncidentMachine.Mermaid, (string?)Assert.Single(machines, machine => (string?)machine["name"] == "Incident")["mermaid"]);
        Assert.Equal(ActionWorkflowMachine.Mermaid, (string?)Assert.Single(machines, machine => (string?)machine["name"] == "Action workflow")["mermaid"]);
        Assert.StartsWith("stateDiagram-v2", IncidentMachine.Mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncidentApi_UnknownOrMalformedId_IsAClearError()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();

        using var unknown = await http.GetAsync("/api/incidents/INC-2026-0404/postmortem.md");
        using var malformed = await http.GetAsync("/api/incidents/%3Cscript%3E");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("There is no incident INC-2026-0404.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain("<script>", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPage_ShowsTheApprovedUpdate_NotTheDraftNorNotes_WithoutAToken()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var id = IdIn(await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev2 \"Checkout <b>slow</b>\""));
        var bob = new ConsoleClient(http, "bob", id.LowerCase);
        var released = await bob.RunAsync("/incident update \"Checkout is slow for <script>some</script> customers.\"");
        await new ConsoleClient(http, "alice", id.LowerCase).PressAsync(IncidentActionIds.ApproveUpdate, IncidentActionIds.Value(id, "1"), (string?)released["messageId"]);
        await bob.RunAsync("/incident update \"DRAFT not for stakeholders\"");
        await bob.RunAsync("/incident note \"NOTE pod frontend-7d9f-b\"");

        var html = await http.GetStringAsync("/status");
        var json = await http.GetFromJsonAsync<JsonObject>("/status.json");

        Assert.Contains("Checkout is slow for &lt;script&gt;some&lt;/script&gt; customers.", html, StringComparison.Ordinal);
        Assert.Contains("Checkout &lt;b&gt;slow&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE", html, StringComparison.Ordinal);
        var update = Assert.Single(Assert.Single(json!["incidents"]!.AsArray())!["updates"]!.AsArray());
        Assert.Equal("Checkout is slow for <script>some</script> customers.", (string?)update!["text"]);
    }

    [Fact]
    public async Task PinButton_OnAMessageOfTheIncidentChannel_AddsItToTheTimeline_AndIsRefusedElsewhere()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();
        var id = IdIn(await new ConsoleClient(http, "alice", "incident").RunAsync("/incident declare sev2 \"Checkout slow\" -n ecommerce-production"));
        var bob = new ConsoleClient(http, "bob", id.LowerCase);
        var said = await bob.RunAsync("/k8s pods -n ecommerce-production");

        var pinned = await bob.PressAsync(IncidentActionIds.Pin, (string)said["messageId"]!);
        var again = await bob.PressAsync(IncidentActionIds.Pin, (string)said["messageId"]!);
        var elsewhere = await new ConsoleClient(http, "bob", "incident").PressAsync(IncidentActionIds.Pin, (string)said["messageId"]!);

        Assert.False((bool)pinned["ephemeral"]!, ConsoleClient.Text(pinned));
        Assert.True((bool)again["ephemeral"]!, ConsoleClient.Text(again));
        Assert.True((bool)elsewhere["ephemeral"]!);
        Assert.Contains("not an incident's channel", ConsoleClient.Text(elsewhere), StringComparison.Ordinal);
        var timeline = (await http.GetFromJsonAsync<JsonObject>($"/api/incidents/{id}"))!["timeline"]!.AsArray();
        var entry = Assert.Single(timeline, item => (string?)item!["kind"] == "MessagePinned")!;
        Assert.Contains("/k8s pods -n ecommerce-production", entry.ToJsonString(), StringComparison.Ordinal);
    }

    internal static IncidentId IdIn(JsonObject reply)
    {
        var match = IncidentIdPattern().Match(ConsoleClient.Text(reply));
        Assert.True(match.Success, ConsoleClient.Text(reply));
        return IncidentId.Parse(match.Value);
    }

    internal static List<JsonObject> Messages(JsonObject feed) => [.. feed["messages"]!.AsArray().Select(message => message!.AsObject())];

    internal static List<JsonObject> Buttons(JsonObject reply) =>
        [.. reply["message"]!["blocks"]!.AsArray().Where(block => (string?)block!["type"] == "actions").SelectMany(block => block!["buttons"]!.AsArray()).Select(button => button!.AsObject())];

    [GeneratedRegex(@"INC-\d{4}-\d{4,}")]
    private static partial Regex IncidentIdPattern();
}
