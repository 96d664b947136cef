using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Machines;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.Console;

public sealed class DashboardApiTests
{
    private const string Mermaid = "stateDiagram-v2\n    [*] --> Proposed\n    Proposed --> AwaitingApproval : submit";

    [Fact]
    public async Task Dashboard_DuringADrill_ShowsProblemPodsFirstNodesHpasAndTheSimulatedClock()
    {
        await using var host = new OpsBotHost(("Commands:Timeout", "00:05:00"));
        var http = host.CreateClient();
        var alice = new ConsoleClient(http);
        await alice.RunAsync("/drill start s02b-rollout-crashloop");
        await alice.RunAsync("/drill advance 5m");

        var dashboard = (await http.GetFromJsonAsync<JsonObject>("/api/dashboard"))!;

        var cluster = dashboard["cluster"]!;
        Assert.Equal("simulator", (string?)cluster["name"]);
        var pods = cluster["pods"]!;
        Assert.True((int)pods["problems"]! > 0);
        var first = pods["rows"]![0]!;
        Assert.True((bool)first["problem"]!);
        Assert.StartsWith("frontend-", (string?)first["name"], StringComparison.Ordinal);
        Assert.DoesNotContain(pods["rows"]!.AsArray(), row => (string?)row!["age"] == "<invalid>");
        Assert.Equal(3, cluster["nodes"]!.AsArray().Count);
        var frontendHpa = cluster["hpas"]!.AsArray().Single(hpa => (string?)hpa!["name"] == "frontend")!;
        Assert.Equal(10, (int?)frontendHpa["max"]);
        var simulator = dashboard["simulator"]!;
        Assert.Equal("s02b-rollout-crashloop", (string?)simulator["scenario"]);
        Assert.Equal("5m", (string?)simulator["elapsed"]);
        Assert.Equal("CrashLoopBackOff", (string?)first["status"]);
    }

    [Fact]
    public async Task Dashboard_ShowsWorkflowsAuditAndTheRegisteredStateMachines()
    {
        await using var host = new OpsBotHost(services => services.AddSingleton(new WorkflowGraph("action", Mermaid)));
        var http = host.CreateClient();
        await new ConsoleClient(http).RunAsync("/k8s nodes");
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await host.Services.GetRequiredService<IWorkflowStore>().CreateAsync(new WorkflowRecord
        {
            Id = "wf-7",
            Kind = "rollback",
            State = "AwaitingApproval",
            Cluster = "simulator",
            Namespace = "ecommerce-production",
            Target = "deployment/frontend",
            RequestedBy = "console:alice",
            CreatedAt = now.AddMinutes(-3),
            UpdatedAt = now.AddMinutes(-3),
            Data = "{}",
        });

        var dashboard = (await http.GetFromJsonAsync<JsonObject>("/api/dashboard"))!;

        var workflow = Assert.Single(dashboard["workflows"]!.AsArray())!;
        Assert.Equal("AwaitingApproval", (string?)workflow["state"]);
        Assert.Equal("rollback", (string?)workflow["kind"]);
        Assert.Equal("deployment/frontend", (string?)workflow["target"]);
        Assert.Equal("console:alice", (string?)workflow["requestedBy"]);
        Assert.Equal("3m", (string?)workflow["age"]);
        var audit = dashboard["audit"]!.AsArray();
        Assert.Contains(audit, entry => (string?)entry!["command"] == "/k8s nodes" && (string?)entry["user"] == "alice" && (string?)entry["outcome"] == "Ok");
        var machines = dashboard["stateMachines"]!.AsArray();
        var registered = Assert.Single(machines, machine => (string?)machine!["name"] == "action")!;
        Assert.Equal(Mermaid, (string?)registered["mermaid"]);
        var actionWorkflow = Assert.Single(machines, machine => (string?)machine!["name"] == "Action workflow")!;
        Assert.Equal(ActionWorkflowMachine.Mermaid, (string?)actionWorkflow["mermaid"]);
    }

    [Fact]
    public async Task Dashboard_TokenConfigured_RequiresIt()
    {
        await using var host = new OpsBotHost(("Console:Token", "dash-token-456"));
        using var http = host.CreateClient();

        using var without = await http.GetAsync("/api/dashboard");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dash-token-456");
        using var with = await http.GetAsync("/api/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.DoesNotContain("dash-token-456", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task DashboardPage_IsServedAndLinkedFromTheConsole()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();

        var page = await http.GetStringAsync("/dashboard");
        var script = await http.GetStringAsync("/dashboard.js");
        var console = await http.GetStringAsync("/");

        Assert.Contains("<title>OpsBot dashboard</title>", page, StringComparison.Ordinal);
        Assert.Contains("/api/dashboard", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard\"", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrillPicker_ListsTheScenariosAndTheRunningOne()
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();

        var drills = (await http.GetFromJsonAsync<JsonObject>("/api/console/drills"))!;

        Assert.True((bool)drills["available"]!);
        Assert.Equal("ecommerce-baseline", (string?)drills["running"]);
        Assert.Contains(drills["scenarios"]!.AsArray(), scenario => (string?)scenario!["name"] == "s01-frontend-memory-leak");
    }
}
