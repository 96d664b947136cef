using System.Net;
using System.Security.Cryptography.X509Certificates;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Access;

/// <summary>The in-cluster files of a ServiceAccount: what a pod would find, used the way an in-cluster client uses them.</summary>
public sealed class ServiceAccountDirectoryTests
{
    private const string PodReader = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: read-pods, namespace: shop}
        rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: read-pods, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-pods}
        subjects: [{kind: ServiceAccount, name: opsbot, namespace: opsbot}]
        """;

    [Fact]
    public async Task WriteServiceAccountDirectory_Files_AreWhatAnInClusterClientNeeds()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(PodReader);
        var folder = Path.Combine(c.Directory, "serviceaccount");

        var mount = c.Sim.WriteServiceAccountDirectory(folder, "opsbot", "opsbot");

        Assert.Equal("opsbot", await File.ReadAllTextAsync(Path.Combine(folder, "namespace")));
        Assert.Equal(c.Sim.CertificateAuthorityPem, await File.ReadAllTextAsync(Path.Combine(folder, "ca.crt")));
        Assert.Equal(mount.Token.Token, await File.ReadAllTextAsync(Path.Combine(folder, "token")));
        Assert.Equal("127.0.0.1", mount.Environment["KUBERNETES_SERVICE_HOST"]);
        Assert.Equal(c.Sim.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), mount.Environment["KUBERNETES_SERVICE_PORT"]);
        using var client = InClusterClient(folder, mount.Environment);
        var (status, pods) = await client.GetJsonAsync("api/v1/namespaces/shop/pods");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("web-1", pods.Str("items.0.metadata.name"));
    }

    [Fact]
    public async Task Rotate_OldToken_StaysValidForTheGracePeriodOnly()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(PodReader);
        var folder = Path.Combine(c.Directory, "serviceaccount");
        var mount = c.Sim.WriteServiceAccountDirectory(folder, "opsbot", "opsbot");
        using var old = InClusterClient(folder, mount.Environment);

        var fresh = mount.Rotate(oldTokenGrace: TimeSpan.FromMinutes(1));
        using var renewed = InClusterClient(folder, mount.Environment);
        var (oldDuringGrace, _) = await old.GetJsonAsync("api/v1/namespaces/shop/pods");
        c.Sim.Clock.Advance(TimeSpan.FromSeconds(61));
        var (oldAfterGrace, _) = await old.GetJsonAsync("api/v1/namespaces/shop/pods");
        var (renewedAfterGrace, _) = await renewed.GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal(fresh.Token, await File.ReadAllTextAsync(Path.Combine(folder, "token")));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (oldDuringGrace, oldAfterGrace, renewedAfterGrace));
    }

    [Fact]
    public async Task Rotate_WithoutGrace_OldTokenLivesUntilItsExpiry()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(PodReader);
        var folder = Path.Combine(c.Directory, "serviceaccount");
        var mount = c.Sim.WriteServiceAccountDirectory(folder, "opsbot", "opsbot", tokenExpiration: TimeSpan.FromMinutes(10));
        using var old = InClusterClient(folder, mount.Environment);

        c.Sim.Clock.Advance(TimeSpan.FromMinutes(8));
        mount.Rotate();
        c.Sim.Clock.Advance(TimeSpan.FromMinutes(1));
        var (beforeExpiry, _) = await old.GetJsonAsync("api/v1/namespaces/shop/pods");
        c.Sim.Clock.Advance(TimeSpan.FromMinutes(1));
        var (afterExpiry, _) = await old.GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (beforeExpiry, afterExpiry));
    }

    [Fact]
    public async Task WriteServiceAccountDirectory_UnknownAccount_Throws()
    {
        await using var c = await AccessCluster.StartAsync();

        var error = Assert.Throws<OpsBot.ClusterSim.Store.StoreException>(() => c.Sim.WriteServiceAccountDirectory(Path.Combine(c.Directory, "sa"), "opsbot", "nobody"));

        Assert.Equal("serviceaccounts \"nobody\" not found", error.Message);
    }

    /// <summary>A client configured from the files alone, as client-go's InClusterConfig does.</summary>
    private static HttpClient InClusterClient(string folder, IReadOnlyDictionary<string, string> environment)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(folder, "ca.crt")));
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        var client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri($"https://{environment["KUBERNETES_SERVICE_HOST"]}:{environment["KUBERNETES_SERVICE_PORT"]}/"),
        };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(folder, "token")));
        return client;
    }
}
