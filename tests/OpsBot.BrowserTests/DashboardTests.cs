using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpsBot.Console;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Machines;

namespace OpsBot.BrowserTests;

/// <summary>The dashboard in a browser, during a drill.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardTests(Chromium chromium)
{
    private const string Mermaid = "stateDiagram-v2\n    [*] --> Proposed\n    Proposed --> AwaitingApproval : submit\n    AwaitingApproval --> Approved : approve <b>x</b>";

    [Fact]
    public async Task Dashboard_DuringADrill_ShowsTheProblemPodFirstTheDrillAndTheStateMachines()
    {
        await using var server = new ConsoleServer(services => services.AddSingleton(new WorkflowGraph("action", Mermaid)));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        foreach (var text in new[] { "/drill start s02b-rollout-crashloop", "/drill advance 5m" })
        {
            using var response = await http.PostAsJsonAsync("/api/console/commands", new { text, user = "alice", channel = "incident" });
            response.EnsureSuccessStatusCode();
        }

        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseUrl });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync("/");
        await page.ClickAsync("#dashboard-link");

        await Assertions.Expect(page).ToHaveTitleAsync("OpsBot dashboard");
        var firstPod = page.Locator("#pods-body tbody tr").First;
        await Assertions.Expect(firstPod).ToHaveClassAsync("problem");
        await Assertions.Expect(firstPod).ToContainTextAsync("CrashLoopBackOff");
        await Assertions.Expect(page.Locator("#drill-body")).ToContainTextAsync("Scenario: s02b-rollout-crashloop");
        await Assertions.Expect(page.Locator("#drill-body")).ToContainTextAsync("5m in");
        await Assertions.Expect(page.Locator("#nodes-body tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#hpas-body")).ToContainTextAsync("frontend");
        await Assertions.Expect(page.Locator("#audit-body")).ToContainTextAsync("/drill advance 5m");
        var graphs = page.Locator("#state-machines-body pre");
        await Assertions.Expect(graphs).ToHaveCountAsync(3);
        var incident = graphs.Filter(new() { HasText = "Mitigating" });
        await Assertions.Expect(incident).ToHaveTextAsync(IncidentMachine.Mermaid);
        await Assertions.Expect(graphs.Filter(new() { HasText = "approve <b>x</b>" })).ToHaveTextAsync(Mermaid);
        var actionWorkflow = graphs.Filter(new() { HasText = "Executing" });
        await Assertions.Expect(actionWorkflow).ToHaveTextAsync(ActionWorkflowMachine.Mermaid);
        Assert.Equal(ActionWorkflowMachine.Mermaid, await actionWorkflow.TextContentAsync());
        Assert.Equal(0, await page.Locator("#state-machines-body b").CountAsync());
    }
}
