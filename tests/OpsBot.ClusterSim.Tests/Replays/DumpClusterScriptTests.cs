using System.Diagnostics;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Replays;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Scenarios;
using OpsBot.ClusterSim.Tests.Support;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Replays;

/// <summary>
/// <c>tools/dump-cluster.sh</c> with the real kubectl against S1 after its pods were OOM-killed, then the folder replayed:
/// the replay serves the same objects (uids, timestamps, owners, statuses), events, logs and metrics as the original.
/// </summary>
public sealed class DumpClusterScriptTests
{
    private const string Ns = ScenarioCluster.Ns;

    [Fact]
    public async Task DumpThenReplay_S01_ServesWhatTheClusterServed()
    {
        await using var original = await ScenarioCluster.StartAsync("s01-frontend-memory-leak");
        await original.AdvanceAsync(TimeSpan.FromMinutes(9));
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "dump");

        var kubeconfig = original.Sim.WriteKubeconfig(Path.Combine(dir.Path, "original.kubeconfig"), ns: Ns);

        var run = await RunScriptAsync(dir.Path, "-o", output, "--kubeconfig", kubeconfig);

        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains($"to {output}", run.StdOut, StringComparison.Ordinal);
        var restarted = (await original.PodsAsync("frontend")).Select(p => (string)p["metadata"]!["name"]!).ToList();
        Assert.Equal(10, restarted.Count);
        Assert.All(restarted, pod => Assert.True(File.Exists(Path.Combine(output, "logs", Ns, pod, "frontend.previous.log")), pod));
        Assert.False(Directory.Exists(Path.Combine(output, "logs", Ns)) && Directory.EnumerateDirectories(Path.Combine(output, "logs", Ns)).Any(d => Path.GetFileName(d).StartsWith("catalog", StringComparison.Ordinal)));
        var secrets = await File.ReadAllTextAsync(Path.Combine(output, "objects", "secrets.yaml"));
        Assert.DoesNotMatch(@"(?m)^(data|stringData):", secrets);
        foreach (var value in original.Sim.Store.List(SimResources.Secrets).Items.SelectMany(s => (s["data"] as JsonObject ?? []).Select(d => (string)d.Value!)))
        {
            Assert.DoesNotContain(value, secrets, StringComparison.Ordinal);
        }

        Assert.Contains("name: checkout-db", secrets, StringComparison.Ordinal);

        var dump = ClusterDump.Read(output);
        await using var replay = ClusterSimulator.ForReplay(dump, options: new ClusterSimulatorOptions { ControllersEnabled = false, Speed = 0 });
        await replay.StartAsync();

        Assert.Equal(original.Now, replay.Clock.GetUtcNow());
        Assert.Empty(replay.Replay!.SkippedKinds);
        foreach (var definition in new[]
        {
            BuiltInResources.Pods, BuiltInResources.Events, BuiltInResources.Deployments, BuiltInResources.ReplicaSets, BuiltInResources.HorizontalPodAutoscalers,
            BuiltInResources.Services, BuiltInResources.Endpoints, BuiltInResources.ConfigMaps, BuiltInResources.Ingresses, BuiltInResources.Nodes,
            BuiltInResources.Namespaces, BuiltInResources.Certificates,
        })
        {
            var expected = original.Sim.Store.List(definition.Resource).Items;
            var actual = replay.Store.List(definition.Resource).Items;
            // (Endpoints and Certificates may be empty: no controller fills them in every build.)
            Assert.True(expected.Count > 0 || definition == BuiltInResources.Certificates || definition == BuiltInResources.Endpoints, definition.Plural);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                JsonTreeAssert.Equal(expected[i], actual[i]);
            }
        }

        foreach (var secret in original.Sim.Store.List(SimResources.Secrets).Items)
        {
            var copy = replay.Store.Get(SimResources.Secrets, ObjectMeta.Namespace(secret), ObjectMeta.Name(secret));
            Assert.Null(copy["data"]);
            secret.Remove("data");
            JsonTreeAssert.Equal(secret, copy);
        }

        using var before = original.Sim.CreateHttpClient();
        using var after = replay.CreateHttpClient();
        foreach (var pod in restarted)
        {
            foreach (var query in new[] { "?timestamps=true", "?previous=true&timestamps=true", "?previous=true" })
            {
                var url = $"api/v1/namespaces/{Ns}/pods/{pod}/log{query}";
                Assert.Equal(await before.GetStringAsync(url), await after.GetStringAsync(url));
            }
        }

        foreach (var url in new[] { $"apis/metrics.k8s.io/v1beta1/namespaces/{Ns}/pods", "apis/metrics.k8s.io/v1beta1/nodes" })
        {
            // The items as recorded (the list's own resourceVersion is the replay store's, which also holds the default RBAC roles).
            JsonTreeAssert.Equal(JsonNode.Parse(await before.GetStringAsync(url))!["items"], JsonNode.Parse(await after.GetStringAsync(url))!["items"]);
        }

        using var kubectl = new KubectlRunner(replay.WriteKubeconfig(Path.Combine(dir.Path, "replay.kubeconfig"), ns: Ns));
        var table = (await kubectl.RunAsync("get", "pods", "-l", "app=frontend")).EnsureSuccess().StdOut;
        Assert.Equal((await original.RunAsync("get", "pods", "-l", "app=frontend")).StdOut, table);
    }

    [Fact]
    public async Task Dump_ExistingFolder_IsRefused()
    {
        using var dir = new TempDirectory();
        dir.Write("dump/objects/pods.json", "{}");

        var run = await RunScriptAsync(dir.Path, "-o", Path.Combine(dir.Path, "dump"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exists and is not empty", run.StdErr, StringComparison.Ordinal);
    }

    /// <summary>Runs the script with bash, kubectl's cache in a fresh folder.</summary>
    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunScriptAsync(string workDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDirectory };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "tools", "dump-cluster.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var cache = Path.Combine(workDirectory, ".kube-cache");
        start.Environment["KUBECACHEDIR"] = cache;
        start.Environment["HOME"] = workDirectory;
        start.Environment.Remove("KUBECONFIG");
        start.Environment["KUBECTL_KUBERC"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
