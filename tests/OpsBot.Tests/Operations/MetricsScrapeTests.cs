using System.Net;
using System.Net.Http.Json;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Operations;

/// <summary>
/// <c>/metrics</c> scraped over HTTP after real commands through the console API: OpenTelemetry's Prometheus exporter
/// serves OpsBot's series under the names <c>/metrics</c> always had, with the Kubernetes requests, workflow transitions
/// and the runtime's series beside them. (Meters are process-wide and other hosts run in parallel in this test run, so
/// counts are checked as "at least".)
/// </summary>
public sealed class MetricsScrapeTests
{
    [Fact]
    public async Task Metrics_AfterRealCommands_ServesCommandKubernetesAndWorkflowSeriesInPrometheusText()
    {
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();
        var alice = new ConsoleClient(client, "alice", "metrics");
        await alice.RunAsync("/k8s pods -A");
        await alice.RunAsync("/k8s pods -n Bad_Name");
        await alice.RunAsync("/nonsense <b>");
        await alice.RunAsync("/k8s describe deploy no-such-deployment -n ecommerce-production");
        await alice.RunAsync("/triage frontend");
        var card = await alice.RunAsync("/scale-hpa frontend --max 12 -n ecommerce-production");
        Assert.StartsWith("Approval needed", (string?)card["message"]!["header"], StringComparison.Ordinal);

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var samples = PrometheusSample.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE opsbot_commands_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE opsbot_command_duration_seconds histogram", text, StringComparison.Ordinal);
        AtLeast(samples, "opsbot_commands_total", 1, ("command", "k8s pods"), ("outcome", "ok"));
        AtLeast(samples, "opsbot_commands_total", 1, ("command", "k8s pods"), ("outcome", "rejected"));
        AtLeast(samples, "opsbot_commands_total", 1, ("command", "unknown"), ("outcome", "rejected"));
        AtLeast(samples, "opsbot_commands_total", 1, ("command", "triage"), ("outcome", "ok"));
        AtLeast(samples, "opsbot_command_duration_seconds_count", 1, ("command", "k8s pods"), ("outcome", "ok"));
        AtLeast(samples, "opsbot_command_duration_seconds_bucket", 1, ("command", "k8s pods"), ("outcome", "ok"), ("le", "+Inf"));
        AtLeast(samples, "opsbot_kubernetes_requests_total", 1, ("verb", "list"), ("resource", "pods"), ("code", "200"));
        AtLeast(samples, "opsbot_kubernetes_requests_total", 1, ("verb", "get"), ("resource", "deployments.apps"), ("code", "404"));
        AtLeast(samples, "opsbot_kubernetes_request_duration_seconds_count", 1, ("verb", "list"), ("resource", "pods"), ("code", "200"));
        AtLeast(samples, "opsbot_kubernetes_api_errors_total", 1, ("reason", "404 NotFound"));
        AtLeast(samples, "opsbot_workflow_transitions_total", 1, ("kind", "scale-hpa"), ("from", "Proposed"), ("to", "AwaitingApproval"));
        Assert.Contains(samples, s => s.Name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-deployment", text, StringComparison.Ordinal);
    }

    private static void AtLeast(IReadOnlyList<PrometheusSample> samples, string name, double minimum, params (string Name, string Value)[] labels)
    {
        var matching = samples.Where(s => s.Name == name && s.Has(labels)).ToList();
        Assert.True(
            matching.Sum(s => s.Value) >= minimum,
            $"{name}{{{string.Join(",", labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}} >= {minimum}; scraped: " +
            string.Join("\n", samples.Where(s => s.Name == name).Select(s => $"{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))} {s.Value}")));
    }
}
