using Microsoft.Extensions.DependencyInjection;
using OpsBot.Audit;
using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Tests.Commands;

/// <summary>What the user sees when the cluster is slow, refuses, or lacks the metrics API.</summary>
public sealed class ClusterFailureTests : IAsyncLifetime
{
    private readonly ClusterSimulator _sim = new(new ClusterSimulatorOptions { StartTime = ClusterFixture.Start, Speed = 0, UseHttps = false, ControllersEnabled = false });
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        await _sim.StartAsync();
        _sim.Manifests.ApplyText(SeedManifests.Yaml);
        _client = SimulatorClients.Create(_sim);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Pods_ClusterTooSlow_SaysItDidNotAnswerInTime()
    {
        _sim.Faults.Add(new FaultRule { Verb = "list", Resource = "pods", LatencyMs = 5_000 });
        var (pipeline, audit) = ClusterFixture.CreatePipeline(_sim.Clock, _client, configure: services =>
            services.Configure<CommandOptions>(options => options.Timeout = TimeSpan.FromSeconds(1)));

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods"));

        Assert.Equal("The cluster sim did not answer within 1 s.", reply.Message.Text);
        Assert.Equal(AuditOutcome.Error, audit.Entries.Single().Outcome);
        _sim.Faults.Clear();
    }

    [Fact]
    public async Task TopPods_MetricsApiFailing_ClearMessage()
    {
        _sim.Faults.Add(new FaultRule { Verb = "list", Resource = "pods.metrics.k8s.io", StatusCode = 503, ErrorRate = 1 });
        _sim.Faults.Add(new FaultRule { Verb = "list", Resource = "nodes.metrics.k8s.io", StatusCode = 503, ErrorRate = 1 });
        var (pipeline, _) = ClusterFixture.CreatePipeline(_sim.Clock, _client);

        var pods = await pipeline.HandleAsync(ClusterFixture.Console("/k8s top pods"));
        var nodes = await pipeline.HandleAsync(ClusterFixture.Console("/k8s top nodes"));

        Assert.StartsWith("Metrics are not available in cluster sim: the metrics API (metrics.k8s.io) did not answer", pods.Message.Text, StringComparison.Ordinal);
        Assert.StartsWith("Metrics are not available in cluster sim", nodes.Message.Text, StringComparison.Ordinal);
        _sim.Faults.Clear();
    }

    [Fact]
    public async Task Pods_ServerForbids_PlainAnswer()
    {
        _sim.Faults.Add(new FaultRule { Verb = "list", Resource = "pods", StatusCode = 403, ErrorRate = 1 });
        var (pipeline, _) = ClusterFixture.CreatePipeline(_sim.Clock, _client);

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods"));

        Assert.StartsWith("The cluster sim refused OpsBot's service account:", reply.Message.Text, StringComparison.Ordinal);
        _sim.Faults.Clear();
    }

    [Fact]
    public async Task Certs_NoCertManager_SaysNotInstalled()
    {
        _sim.Faults.Add(new FaultRule { Verb = "list", Resource = "certificates.cert-manager.io", StatusCode = 404, ErrorRate = 1 });
        var (pipeline, _) = ClusterFixture.CreatePipeline(_sim.Clock, _client);

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s certs"));

        Assert.Contains("cert-manager not installed", ClusterFixture.Render(reply), StringComparison.Ordinal);
        _sim.Faults.Clear();
    }
}
