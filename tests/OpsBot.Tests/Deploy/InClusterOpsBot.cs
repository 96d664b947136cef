using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Clusters;
using OpsBot.Operations;
using OpsBot.Storage;
using OpsBot.Telemetry;
using System.Diagnostics.Metrics;
using OpsBot.Simulation;
using OpsBot.Testing;
using OpsBot.Tests.EndToEnd;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// OpsBot deployed as the manifests deploy it, on one simulator shared by the in-cluster suite: the ServiceAccount and
/// RBAC of <c>overlays/single</c> (rendered by the real <c>kubectl kustomize</c>) applied to the simulator, the account's
/// projected files (token, CA, namespace) written to a folder, and one host in in-cluster mode
/// (<c>Kubernetes:InCluster</c>, <c>Kubernetes:ServiceAccountDirectory</c>, <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>)
/// that reaches the cluster with that token only. The simulator is the drills' cluster too (<c>/drill start|advance</c>
/// step it, and keep its ServiceAccounts and RBAC), so the end-to-end scripts run unchanged.
/// </summary>
public sealed class InClusterOpsBot : IAsyncLifetime
{
    /// <summary>The rendered kinds that give OpsBot its identity and its rights.</summary>
    private static readonly string[] AccessKinds = ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"];

    private readonly TempDirectory _directory = new();
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private EmbeddedCluster? _cluster;
    private OpsBotHost? _host;

    public ClusterSimulator Simulator => (_cluster ?? throw new InvalidOperationException("Not started.")).Simulator;

    internal OpsBotHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary><c>overlays/single</c> as kubectl renders it.</summary>
    public RenderedManifests Manifests { get; private set; } = null!;

    /// <summary>Rendering, applying, writing the account's files and starting the host (real time, for the report).</summary>
    public TimeSpan StartDuration { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Manifests = await RenderedManifests.OverlayAsync("single");
        var configuration = new ConfigurationBuilder().Build();
        _cluster = new EmbeddedCluster(
            Options.Create(new SimulatorOptions { Speed = 0 }),
            Options.Create(new StorageOptions { DataDirectory = _directory.Path }),
            // Only the drills use this cluster object; OpsBot's own client is the in-cluster one.
            new KubernetesClientFactory([new KubernetesApiMetering(new OpsBotTelemetry(_metrics.GetRequiredService<IMeterFactory>()), TimeProvider.System)], TimeProvider.System, configuration),
            TimeProvider.System,
            NullLogger<EmbeddedCluster>.Instance);
        await _cluster.StartAsync(CancellationToken.None);

        // The operator creates OpsBot's namespace; the namespaces it works in exist (ecommerce-production is the scenario's).
        Simulator.Manifests.ApplyText("""
            {apiVersion: v1, kind: Namespace, metadata: {name: opsbot}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: ecommerce-staging}}
            """);
        foreach (var obj in Manifests.Objects.Where(o => AccessKinds.Contains((string?)o["kind"])))
        {
            Simulator.Manifests.Apply(obj.DeepClone().AsObject());
        }

        // Token validity runs on the virtual clock, which the scenario scripts move by hours.
        var account = Simulator.WriteServiceAccountDirectory(Path.Combine(_directory.Path, "serviceaccount"), "opsbot", "opsbot", TimeSpan.FromDays(30));
        var cluster = _cluster;
        _host = new OpsBotHost(
            services => services.AddSingleton(cluster),
            [
                .. EndToEndConsole.Settings,
                ("Kubernetes:InCluster", "true"),
                ("Kubernetes:ServiceAccountDirectory", account.Path),
                ("KUBERNETES_SERVICE_HOST", account.Host),
                ("KUBERNETES_SERVICE_PORT", account.Port.ToString(CultureInfo.InvariantCulture)),
            ]);
        // Ready once the in-cluster client reached the API server with the account's token (bounded; a loaded machine is slow).
        using var http = _host.CreateClient();
        await Eventually.ValueAsync(
            async () =>
            {
                using var ready = await http.GetAsync("/readyz");
                return (ready.IsSuccessStatusCode, await ready.Content.ReadAsStringAsync());
            },
            ready => ready.IsSuccessStatusCode,
            "OpsBot in-cluster is ready",
            TimeSpan.FromSeconds(120));
        StartDuration = clock.Elapsed;
    }

    /// <summary>The rendered ClusterRoles that are bound (scope <c>cluster</c> or <c>namespace</c>).</summary>
    public IEnumerable<JsonObject> BoundRoles =>
        Manifests.OfKind("ClusterRole").Where(role => (string?)role["metadata"]!["labels"]?["opsbot.io/rbac-scope"] is "cluster" or "namespace");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _metrics.DisposeAsync();
        _directory.Dispose();
    }
}
