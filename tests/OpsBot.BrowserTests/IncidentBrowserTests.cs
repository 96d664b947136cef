using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpsBot.Incidents;

namespace OpsBot.BrowserTests;

/// <summary>Incidents in a browser: the incident's channel in the console's picker, the dashboard's incidents panel, the status page.</summary>
[Collection(ChromiumCollection.Name)]
public sealed partial class IncidentBrowserTests(Chromium chromium)
{
    // A title that would run script if any renderer wrote it as HTML.
    private const string HostileTitle = "Checkout <img src=x onerror=window.pwned=1> down";

    [Fact]
    public async Task Declare_InTheConsole_TheIncidentChannelAppearsInThePicker_WithItsCard()
    {
        await using var server = new ConsoleServer();
        var alice = await ConsolePage.OpenAsync(chromium.Browser, server, "alice");

        await alice.RunAsync("/incident declare sev2 \"Checkout returns 500s\"");
        var answer = await alice.MessageWithAsync("declared INC-");
        var id = IdPattern().Match(await answer.InnerTextAsync()).Value;
        var channel = id.ToLowerInvariant();
        Assert.Matches(@"^inc-\d{4}-\d{4}$", channel);

        // The picker refreshes the open incidents every 10 s.
        var option = alice.Page.Locator($"#channel option[value='{channel}']");
        await Assertions.Expect(option).ToHaveTextAsync("#" + channel, new() { Timeout = 60_000 });
        await alice.Page.SelectOptionAsync("#channel", channel);
        var card = await alice.MessageWithAsync($"{id} · SEV2 · Checkout returns 500s");
        await Assertions.Expect(card).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dashboard_ShowsTheOpenIncident_AsText_AndMttaMttr()
    {
        await using var server = new ConsoleServer();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var open = await DeclareAsync(http, "sev1", HostileTitle);
        var done = await DeclareAsync(http, "sev3", "Slow search");
        await RunAsync(http, "/incident status investigating", done.ToLowerInvariant());
        await RunAsync(http, "/incident status resolved", done.ToLowerInvariant());

        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/dashboard");

        var rows = page.Locator("#incidents-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        var row = page.Locator($"#incidents-table tbody tr[data-incident='{open}']");
        await Assertions.Expect(row).ToContainTextAsync(HostileTitle);
        await Assertions.Expect(row).ToContainTextAsync("SEV1");
        await Assertions.Expect(row).ToContainTextAsync("declared");
        await Assertions.Expect(row).ToContainTextAsync("alice");
        await Assertions.Expect(row.Locator("td").Nth(6)).ToHaveTextAsync(new Regex(@"^(in \d+\w+ \(\d\d:\d\d UTC\)|due since \d+\w+)"));
        await Assertions.Expect(page.Locator("#incident-mtta")).ToHaveTextAsync(new Regex(@"^MTTA \d+s$"));
        await Assertions.Expect(page.Locator("#incident-mttr")).ToHaveTextAsync(new Regex(@"^MTTR \d+s$"));
        await Assertions.Expect(page.Locator("#incident-metrics")).ToContainTextAsync("2 incident(s), 1 acknowledged, 1 resolved");
        Assert.Equal(0, await page.Locator("#incidents-body img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }

    [Fact]
    public async Task StatusPage_ShowsTheApprovedUpdate_AndNotTheDraft()
    {
        await using var server = new ConsoleServer();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var id = await DeclareAsync(http, "sev2", HostileTitle);
        var channel = id.ToLowerInvariant();
        var approved = await RunAsync(http, "/incident update \"We rolled checkout back; errors are falling.\"", channel, "bob");
        var approve = ApproveButton(approved);
        var pressed = await PostAsync(http, "/api/console/actions", new { actionId = IncidentActionIds.ApproveUpdate, value = (string?)approve["value"], user = "alice", channel, messageId = (string?)approved["messageId"] });
        Assert.False((bool)pressed["ephemeral"]!, pressed.ToJsonString());
        await RunAsync(http, "/incident update \"DRAFT: blame the payments team\"", channel, "bob");

        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/status");

        var incident = page.Locator($"section.incident[data-id='{id}']");
        await Assertions.Expect(incident).ToContainTextAsync("We rolled checkout back; errors are falling.");
        await Assertions.Expect(incident).ToContainTextAsync(HostileTitle);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("DRAFT: blame the payments team");
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }

    private static JsonObject ApproveButton(JsonObject reply) =>
        reply["message"]!["blocks"]!.AsArray()
            .Where(block => (string?)block!["type"] == "actions")
            .SelectMany(block => block!["buttons"]!.AsArray())
            .Select(button => button!.AsObject())
            .Single(button => (string?)button["actionId"] == IncidentActionIds.ApproveUpdate);

    private static async Task<string> DeclareAsync(HttpClient http, string severity, string title)
    {
        var reply = await RunAsync(http, $"/incident declare {severity} \"{title}\"", "incident");
        var match = IdPattern().Match(reply.ToJsonString());
        Assert.True(match.Success, reply.ToJsonString());
        return match.Value;
    }

    private static Task<JsonObject> RunAsync(HttpClient http, string text, string channel, string user = "alice") =>
        PostAsync(http, "/api/console/commands", new { text, user, channel });

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var json = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, json?.ToJsonString());
        return json!;
    }

    [GeneratedRegex(@"INC-\d{4}-\d{4,}")]
    private static partial Regex IdPattern();
}
