using System.Collections.Concurrent;
using System.Diagnostics;
using OpsBot.Telemetry;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Operations;

/// <summary>
/// Traces: one span per command or button press on the activity source <c>OpsBot</c>, and a child span for each
/// Kubernetes request it makes, named by verb and resource, tagged with the status code.
/// </summary>
public sealed class CommandTracingTests
{
    [Fact]
    public async Task Command_ThroughTheConsoleApi_IsOneSpanWithAChildSpanPerKubernetesRequest()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OpsBotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = new OpsBotHost();
        using var client = host.CreateClient();
        var alice = new ConsoleClient(client, "alice", "tracing");

        await alice.RunAsync("/k8s describe deploy frontend -n ecommerce-production");

        // Other hosts run commands in parallel in this test run: pick this command's span by its Kubernetes children.
        var commands = spans.Where(s => s.DisplayName == "command k8s describe").ToList();
        var command = Assert.Single(commands, c => spans.Any(k => k.ParentSpanId == c.SpanId && k.DisplayName == "get deployments.apps" && (string?)k.GetTagItem("http.response.status_code") == "200" && (string?)k.GetTagItem("k8s.namespace.name") == "ecommerce-production")
            && spans.Any(k => k.ParentSpanId == c.SpanId && k.DisplayName == "list replicasets.apps"));
        var requests = spans.Where(s => s.TraceId == command.TraceId && s.SpanId != command.SpanId).ToList();
        Assert.All(requests, request =>
        {
            Assert.Equal(command.SpanId, request.ParentSpanId);
            Assert.Equal(ActivityKind.Client, request.Kind);
            Assert.Equal("200", request.GetTagItem("http.response.status_code"));
            Assert.Equal("ecommerce-production", request.GetTagItem("k8s.namespace.name"));
        });
        Assert.Contains(requests, r => r.DisplayName == "list replicasets.apps");
        Assert.Contains(requests, r => r.DisplayName == "list events");
        Assert.Equal("k8s describe", command.GetTagItem("opsbot.command"));
        Assert.Equal("ok", command.GetTagItem("opsbot.outcome"));
        Assert.Equal("Console", command.GetTagItem("opsbot.platform"));
        Assert.Matches("^[0-9a-f]{32}$", (string?)command.GetTagItem("opsbot.correlation_id"));
    }
}
