using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OpsBot.Tests.Console;

public sealed class OperationsEndpointsTests
{
    [Fact]
    public async Task Healthz_AndReadyz_ReportProcessAndCluster()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();

        var health = await client.GetStringAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");
        var body = await ready.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("ok", health);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ok", (string?)body!["checks"]!["cluster"]);
    }

    [Fact]
    public async Task Metrics_AfterCommands_CountsThemByCommandAndOutcome()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();
        (await client.PostAsJsonAsync("/api/console/commands", new { text = "/k8s pods -A", user = "alice" })).Dispose();
        (await client.PostAsJsonAsync("/api/console/commands", new { text = "/k8s pods -n Bad_Name", user = "alice" })).Dispose();
        (await client.PostAsJsonAsync("/api/console/commands", new { text = "/nonsense <b>", user = "alice" })).Dispose();

        var metrics = await client.GetStringAsync("/metrics");

        Assert.Contains("opsbot_commands_total{command=\"k8s pods\",outcome=\"ok\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("opsbot_commands_total{command=\"k8s pods\",outcome=\"rejected\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("opsbot_commands_total{command=\"unknown\",outcome=\"rejected\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("opsbot_command_duration_seconds_count{command=\"k8s pods\"} 2", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", metrics, StringComparison.Ordinal);
    }
}
