using System.Text;
using OpsBot.Chat.Messages;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Tests.Commands;

/// <summary>A cluster of 2,000 pods across namespaces: <c>/k8s pods -A</c> pages through all of them and shows the top rows.</summary>
public sealed class LargeClusterTests : IAsyncLifetime
{
    private readonly ClusterSimulator _sim = new(new ClusterSimulatorOptions { StartTime = ClusterFixture.Start, Speed = 0, UseHttps = false, ControllersEnabled = false });
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        await _sim.StartAsync();
        var yaml = new StringBuilder();
        for (var n = 0; n < 4; n++)
        {
            yaml.Append($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: ecommerce-shard-{n}}}\n---\n");
        }

        for (var i = 0; i < 2_000; i++)
        {
            var crashing = i % 250 == 7;
            var state = crashing
                ? "{waiting: {reason: CrashLoopBackOff}}"
                : "{running: {startedAt: \"2026-11-20T02:00:00Z\"}}";
            yaml.Append($$"""
                apiVersion: v1
                kind: Pod
                metadata: {name: web-{{i:D4}}, namespace: ecommerce-shard-{{i % 4}}}
                spec: {nodeName: node-{{i % 20}}, containers: [{name: app, image: web:1}]}
                status:
                  phase: Running
                  containerStatuses: [{name: app, ready: {{(crashing ? "false" : "true")}}, restartCount: {{(crashing ? 9 : 0)}}, state: {{state}}}]
                ---

                """);
        }

        _sim.Manifests.ApplyText(yaml.ToString());
        _client = SimulatorClients.Create(_sim);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Pods_AllNamespaces2000Pods_SummaryTopRowsAndMore()
    {
        var (pipeline, _) = ClusterFixture.CreatePipeline(_sim.Clock, _client);

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods -A", channel: "ops"));

        Assert.Equal("2,000 pods: 1,992 running, 8 CrashLoopBackOff", reply.Message.Text);
        var table = reply.Message.Blocks.OfType<TableBlock>().Single();
        Assert.Equal(50, table.Rows.Count);
        Assert.All(table.Rows.Take(8), row => Assert.Equal("CrashLoopBackOff", row[3]));
        Assert.Contains(reply.Message.Blocks.OfType<ContextBlock>(), block => block.Elements[0].ToPlainText() == "…and 1,950 more pods");
        Assert.Equal(2_000, reply.Report!["total"]!.GetValue<int>());
        Assert.Equal(1_000, reply.Report!["rows"]!.AsArray().Count);
    }
}
