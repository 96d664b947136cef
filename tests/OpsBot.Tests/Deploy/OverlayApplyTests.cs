using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// The overlays applied with the real <c>kubectl apply -k</c> to the simulator, which authorizes, validates and stores
/// every kind involved: a server dry run answers "created" for each rendered object and stores nothing; a real apply
/// gives OpsBot's ServiceAccount what its roles grant where they are bound, and nothing more (<c>kubectl auth can-i --as</c>,
/// answered by the simulator's RBAC evaluation).
/// </summary>
public sealed class OverlayApplyTests
{
    private const string ServiceAccount = "system:serviceaccount:opsbot:opsbot";

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task ApplyServerDryRun_EachOverlay_AnswersCreatedForEveryObjectAndStoresNothing(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        await using var cluster = await ClusterAsync();
        using var kubectl = new KubectlRunner(cluster.Kubeconfig, TimeSpan.FromSeconds(90));
        var version = cluster.Simulator.Store.ResourceVersion;

        var result = (await kubectl.RunAsync("apply", "--dry-run=server", "-k", rendered.Directory)).EnsureSuccess();

        var expected = rendered.Objects.Select(o => $"{KubectlName(o)} created (server dry run)").Order(StringComparer.Ordinal);
        Assert.Equal(expected, result.Lines.Order(StringComparer.Ordinal));
        Assert.Equal(version, cluster.Simulator.Store.ResourceVersion);
        Assert.Null(cluster.Simulator.Store.TryGet(BuiltInResources.Deployments.Resource, "opsbot", "opsbot"));
    }

    [Fact]
    public async Task Apply_Single_GivesTheServiceAccountItsGrantsWhereTheyAreBoundAndNothingElse()
    {
        var rendered = await RenderedManifests.OverlayAsync("single");
        await using var cluster = await ClusterAsync();
        using var kubectl = new KubectlRunner(cluster.Kubeconfig, TimeSpan.FromSeconds(90));

        (await kubectl.RunAsync("apply", "-k", rendered.Directory)).EnsureSuccess();

        var stored = cluster.Simulator.Store.Get(BuiltInResources.Deployments.Resource, "opsbot", "opsbot");
        Assert.True(JsonNode.DeepEquals(rendered.Deployment["spec"], stored["spec"]));
        string[][] allowed =
        [
            ["list", "pods", "--all-namespaces"], ["list", "nodes"], ["patch", "nodes"], ["list", "namespaces"],
            ["create", "pods", "--subresource=eviction", "-n", "kube-system"],
            ["get", "pods", "--subresource=log", "-n", "ecommerce-production"],
            ["patch", "deployments.apps", "-n", "ecommerce-staging"],
            ["patch", "horizontalpodautoscalers.autoscaling", "-n", "ecommerce-production"],
            ["list", "secrets", "-n", "ecommerce-production"],
            ["list", "certificates.cert-manager.io", "-n", "ecommerce-staging"],
            ["update", "certificates.cert-manager.io", "--subresource=status", "-n", "ecommerce-production"],
        ];
        string[][] denied =
        [
            ["*", "*", "--all-namespaces"], ["get", "pods", "-n", "kube-system"], ["get", "pods", "--subresource=log", "-n", "kube-system"],
            ["patch", "deployments.apps", "-n", "kube-system"], ["list", "secrets", "-n", "opsbot"], ["delete", "pods", "-n", "ecommerce-production"],
            ["patch", "deployments.apps", "--subresource=scale", "-n", "ecommerce-production"], ["update", "deployments.apps", "-n", "ecommerce-production"],
            ["patch", "certificates.cert-manager.io", "--subresource=status", "-n", "ecommerce-production"],
            ["list", "configmaps", "-n", "kube-system"], ["create", "leases.coordination.k8s.io", "-n", "opsbot"],
        ];
        foreach (var (question, answer) in allowed.Select(q => (q, "yes")).Concat(denied.Select(q => (q, "no"))))
        {
            var result = await kubectl.RunAsync(["auth", "can-i", .. question, "--as", ServiceAccount], null);
            Assert.True(result.StdOut.Trim() == answer, $"can-i {string.Join(' ', question)}: expected {answer}, got {result.StdOut.Trim()} {result.StdErr.Trim()}");
        }
    }

    // As kubectl prints an object: kind in lower case, its API group after a dot (deployment.apps/opsbot).
    private static string KubectlName(JsonObject obj)
    {
        var apiVersion = (string)obj["apiVersion"]!;
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? "." + apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        return $"{((string)obj["kind"]!).ToLowerInvariant()}{group}/{RenderedManifests.Name(obj)}";
    }

    // The simulator (HTTPS, admin token) with the namespaces the operator creates before applying: opsbot, and the
    // namespaces OpsBot works in (the overlays' namespaces.yaml).
    private static async Task<SimulatedCluster> ClusterAsync()
    {
        var simulator = new ClusterSimulator(new ClusterSimulatorOptions { Speed = 0, ControllersEnabled = false });
        await simulator.StartAsync();
        var directory = new TempDirectory();
        simulator.Manifests.ApplyText("""
            {apiVersion: v1, kind: Namespace, metadata: {name: opsbot}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: ecommerce-production}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: ecommerce-staging}}
            """);
        return new SimulatedCluster(simulator, directory, simulator.WriteKubeconfig(Path.Combine(directory.Path, "kubeconfig")));
    }
}
