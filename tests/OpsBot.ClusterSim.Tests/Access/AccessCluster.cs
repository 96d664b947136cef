using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Tests.Support;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Access;

/// <summary>
/// A started simulator (HTTPS, admin token) with the namespaces <c>shop</c> and <c>opsbot</c>, the ServiceAccount
/// <c>opsbot/opsbot</c>, a pod and a deployment in shop; clients and kubectl runners that present a ServiceAccount token.
/// </summary>
internal sealed class AccessCluster : IAsyncDisposable
{
    public const string ServiceAccountUser = "system:serviceaccount:opsbot:opsbot";

    private const string Baseline = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: opsbot}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: opsbot, namespace: opsbot}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: shop, labels: {app: web}}
        spec:
          containers: [{name: web, image: web:1}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: web:1}]
        """;

    private readonly List<IDisposable> _owned = [];
    private readonly TempDirectory _directory = new();

    private AccessCluster(SeededCluster cluster) => Cluster = cluster;

    public SeededCluster Cluster { get; }

    public ClusterSimulator Sim => Cluster.Simulator;

    /// <summary>The admin's client (the kubeconfig's token).</summary>
    public HttpClient Admin => Cluster.Http;

    public string Directory => _directory.Path;

    public static async Task<AccessCluster> StartAsync()
    {
        var cluster = await SeededCluster.StartAsync(seed: false, kubelet: false);
        var access = new AccessCluster(cluster);
        access.Apply(Baseline);
        return access;
    }

    public void Apply(string yaml) => Sim.Manifests.ApplyText(yaml);

    public string TokenFor(string ns = "opsbot", string name = "opsbot") => Sim.Access.Tokens.Issue(ns, name).Token;

    /// <summary>An HttpClient presenting <paramref name="token"/>.</summary>
    public HttpClient ClientWith(string token)
    {
        var client = Sim.CreateHttpClient(token);
        _owned.Add(client);
        return client;
    }

    /// <summary>A kubectl whose kubeconfig user is <paramref name="token"/>.</summary>
    public KubectlRunner KubectlWith(string token)
    {
        var path = Path.Combine(_directory.Path, $"kubeconfig-{_owned.Count}");
        File.WriteAllText(path, KubeconfigWriter.Render(Sim.BaseUrl, Sim.CertificateAuthorityPem, token, "sa", "shop"));
        var runner = new KubectlRunner(path);
        _owned.Add(runner);
        return runner;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await Cluster.DisposeAsync();
        _directory.Dispose();
    }
}
