using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>
/// S3, S4, S7, S10 — capacity, connections, certificates and nodes. Symptoms through the real kubectl; the remedy
/// with kubectl (patch hpa, rollout restart + scale, a renewed TLS secret applied, cordon + drain); recovery.
/// </summary>
public sealed class CapacityScenarioTests
{
    [Fact]
    public async Task S03_FlashSale_HpaScalingLimited_PatchedMaxSpreadsTheLoad()
    {
        await using var c = await ScenarioCluster.StartAsync("s03-flash-sale-hpa-at-max");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var hpa = ScenarioCluster.Rows(await c.RunAsync("get", "hpa", "frontend")).Single();
        Assert.Equal(("6", "6"), (hpa[^3], hpa[^2])); // MAXPODS, REPLICAS
        var limited = (await c.GetJsonAsync("get", "hpa", "frontend"))["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "ScalingLimited")!;
        Assert.Equal(("True", "TooManyReplicas"), ((string?)limited["status"], (string?)limited["reason"]));
        if (KubectlRunner.ClientMinorVersion >= 23)
        {
            // kubectl describe hpa reads autoscaling/v2, which kubectl 1.20 predates.
            Assert.Matches(@"ScalingLimited\s+True\s+TooManyReplicas\s+the desired replica count is more than the maximum replica count", (await c.RunAsync("describe", "hpa", "frontend")).StdOut);
        }

        Assert.All(ScenarioCluster.Rows(await c.RunAsync("top", "pods", "-l", "app=frontend")), row => Assert.Equal("1000m", row[1])); // at the 1-CPU limit
        Assert.Contains(await c.LogsAsync("frontend"), l => l.StartsWith("ERROR HTTP 503 ", StringComparison.Ordinal));

        var patch = await c.RunAsync("patch", "hpa", "frontend", "--type", "merge", "-p", """{"spec":{"maxReplicas":12}}""");
        Assert.Equal("horizontalpodautoscaler.autoscaling/frontend patched", patch.StdOut.Trim());
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("12/12", ScenarioCluster.Rows(await c.RunAsync("get", "deploy", "frontend")).Single()[1]);
        var top = ScenarioCluster.Rows(await c.RunAsync("top", "pods", "-l", "app=frontend"));
        Assert.Equal(12, top.Count);
        Assert.All(top, row => Assert.InRange(int.Parse(row[1].TrimEnd('m'), System.Globalization.CultureInfo.InvariantCulture), 500, 550)); // 15m + 1.2m × 417 rps
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.DoesNotContain((await c.LogsAsync("frontend")).TakeLast(40), l => l.StartsWith("ERROR HTTP 503 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S04_ConnectionPoolExhaustion_TooManyClients_RolloutRestartAndFewerReplicasEndIt()
    {
        await using var c = await ScenarioCluster.StartAsync("s04-db-connection-pool-exhaustion");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Contains(await c.LogsAsync("postgres"), l => l.EndsWith("FATAL:  sorry, too many clients already", StringComparison.Ordinal));
        var checkout = await c.LogsAsync("checkout");
        Assert.Contains(checkout, l => l.Contains("remaining connection slots are reserved for non-replication superuser connections", StringComparison.Ordinal));
        Assert.Contains(checkout, l => l.StartsWith("ERROR HTTP 500 POST /api/checkout", StringComparison.Ordinal));
        Assert.Contains("Error: connect ECONNREFUSED 10.96.0.15:5432", await c.LogsAsync("catalog"));
        Assert.All(ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=postgres")), row => Assert.Equal(("1/1", "Running", "0"), (row[1], row[2], row[3])));

        // Restart releases the leaked connections; 4 replicas × (pool 12 leaking to 20) + 10 fits max_connections 100 for good.
        Assert.Equal("deployment.apps/checkout restarted", (await c.RunAsync("rollout", "restart", "deploy/checkout")).StdOut.Trim());
        Assert.Equal("deployment.apps/checkout scaled", (await c.RunAsync("scale", "deploy/checkout", "--replicas=4")).StdOut.Trim());
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(3), "rollout", "status", "deploy/checkout", "--timeout=120s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        var settled = (await c.LogsAsync("postgres")).Count;
        await c.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.Equal(settled, (await c.LogsAsync("postgres")).Count);
        var pods = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=checkout"));
        Assert.Equal(4, pods.Count);
        Assert.All(pods, row => Assert.Equal(("1/1", "Running", "0"), (row[1], row[2], row[3])));
        Assert.DoesNotContain((await c.LogsAsync("checkout")).TakeLast(20), l => l.StartsWith("ERROR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S07_ExpiredCertificate_RenewedSecretAppliedWithKubectl()
    {
        await using var c = await ScenarioCluster.StartAsync("s07-tls-certificate-expired");
        var secretName = (string)(await c.GetJsonAsync("get", "ingress", "shop"))["spec"]!["tls"]![0]!["secretName"]!;

        using (var expired = await CertificateAsync(c, secretName))
        {
            Assert.True(expired.NotAfter.ToUniversalTime() < c.Now.UtcDateTime);
        }

        var certificate = ScenarioCluster.Rows(await c.RunAsync("get", "certificate", "shop-tls")).Single();
        Assert.Equal(("shop-tls", "False"), (certificate[0], certificate[1])); // NAME, READY
        Assert.Equal("Expired", (string?)(await c.GetJsonAsync("get", "certificate", "shop-tls"))["status"]!["conditions"]![0]!["reason"]);

        // Renew: a fresh certificate (valid 90 days from the cluster's now), put in place as a TLS secret through kubectl.
        using var dir = new TempDirectory();
        var (certPath, keyPath) = WriteFreshCertificate(dir, c.Now, "shop.example.com", "www.shop.example.com");
        var manifest = await c.RunAsync("create", "secret", "tls", secretName, "--cert=" + certPath, "--key=" + keyPath, "--dry-run=client", "-o", "yaml");
        var apply = await c.RunWithInputAsync(manifest.StdOut, "apply", "-f", "-");

        Assert.Equal($"secret/{secretName} configured", apply.Lines[^1]);
        using var renewed = await CertificateAsync(c, secretName);
        Assert.True(renewed.NotAfter.ToUniversalTime() > c.Now.UtcDateTime.AddDays(89));
        Assert.Equal("CN=shop.example.com", renewed.Subject);
        var secret = await c.GetJsonAsync("get", "secret", secretName);
        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        Assert.Equal(File.ReadAllText(keyPath), System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.key"]!)));
        Assert.Equal(secretName, (string)(await c.GetJsonAsync("get", "ingress", "shop"))["spec"]!["tls"]![0]!["secretName"]!);
    }

    [Fact]
    public async Task S10_NodeLost_NotReadyAndTainted_CordonAndDrainRescheduleItsPods()
    {
        const string Lost = "ip-10-0-3-33.ec2.internal";
        await using var c = await ScenarioCluster.StartAsync("s10-node-lost");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var nodes = ScenarioCluster.Rows(await c.RunAsync("get", "nodes"));
        Assert.Equal("NotReady", nodes.Single(row => row[0] == Lost)[1]);
        var describe = await c.RunAsync("describe", "node", Lost);
        Assert.Contains("Kubelet stopped posting node status.", describe.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Taints:\s+node\.kubernetes\.io/unreachable:NoExecute\n\s+node\.kubernetes\.io/unreachable:NoSchedule", describe.StdOut);
        var onLost = Names(await c.RunAsync("get", "pods", "--field-selector", "spec.nodeName=" + Lost, "-o", "name"));
        Assert.NotEmpty(onLost);
        var total = ScenarioCluster.Rows(await c.RunAsync("get", "pods")).Count;

        Assert.Equal($"node/{Lost} cordoned", (await c.RunAsync("cordon", Lost)).StdOut.Trim());
        var drain = await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(3), "drain", Lost, "--ignore-daemonsets", "--delete-emptydir-data", "--force");

        drain.EnsureSuccess();
        Assert.All(onLost, pod => Assert.Contains($"{pod} evicted", drain.StdOut, StringComparison.Ordinal));
        Assert.Equal("NotReady,SchedulingDisabled", ScenarioCluster.Rows(await c.RunAsync("get", "nodes")).Single(row => row[0] == Lost)[1]);
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        var wide = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-o", "wide"));
        Assert.Equal(total, wide.Count);
        Assert.All(wide, row => Assert.Equal(("1/1", "Running"), (row[1], row[2])));
        Assert.DoesNotContain(wide, row => row.Contains(Lost));
        Assert.Empty(Names(await c.RunAsync("get", "pods", "--field-selector", "spec.nodeName=" + Lost, "-o", "name")));
        Assert.Empty(await c.EventsAsync("TaintManagerEviction")); // drained before the 300 s toleration ran out
    }

    private static IReadOnlyList<string> Names(KubectlResult result) =>
        [.. result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static async Task<X509Certificate2> CertificateAsync(ScenarioCluster c, string secret)
    {
        var data = (JsonObject)(await c.GetJsonAsync("get", "secret", secret))["data"]!;
        return X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)data["tls.crt"]!)));
    }

    private static (string Cert, string Key) WriteFreshCertificate(TempDirectory dir, DateTimeOffset now, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsNames[0], key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(90));
        return (dir.Write("tls.crt", certificate.ExportCertificatePem() + "\n"), dir.Write("tls.key", key.ExportPkcs8PrivateKeyPem() + "\n"));
    }
}
