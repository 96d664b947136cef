using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

using OpsBot.ClusterSim.Tests.Controllers;

namespace OpsBot.ClusterSim.Tests.Api;

/// <summary>PodDisruptionBudgets: the disruption controller's status, and evictions (kubectl drain) refused when they would break one.</summary>
public sealed class ApiServerDisruptionBudgetTests
{
    private static string Workload(int minAvailable) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: {{KubeletCluster.Ns}} }
        spec:
          replicas: 2
          selector: {matchLabels: {app: api} }
          template:
            metadata: {labels: {app: api} }
            spec:
              containers: [{name: api, image: api:v1}]
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: api, namespace: {{KubeletCluster.Ns}} }
        spec:
          minAvailable: {{minAvailable}}
          selector: {matchLabels: {app: api} }
        """;

    [Fact]
    public async Task Drain_BudgetAllowsNoDisruption_EvictionRefusedWithTheBudgetsMessage()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(Workload(minAvailable: 2));
        await c.AdvanceAsync(10);

        var budget = c.Sim.Store.Get(SimResources.PodDisruptionBudgets, KubeletCluster.Ns, "api")["status"]!;
        var drain = await c.Kubectl!.RunAsync("drain", KubeletCluster.Node, "--ignore-daemonsets", "--timeout=4s");
        var table = (await c.Kubectl.RunAsync("get", "pdb", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Equal((2, 2, 2, 0), ((budget["expectedPods"]).AsInt(), (budget["currentHealthy"]).AsInt(), (budget["desiredHealthy"]).AsInt(), (budget["disruptionsAllowed"]).AsInt()));
        Assert.Equal(("False", "InsufficientPods"), ((string?)budget["conditions"]![0]!["status"], (string?)budget["conditions"]![0]!["reason"]));
        Assert.NotEqual(0, drain.ExitCode);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", drain.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, c.Sim.Store.List(SimResources.Pods, KubeletCluster.Ns, p => p["metadata"]!["deletionTimestamp"] is null).Items.Count);
        Assert.Matches(@"(?m)^api\s+2\s+N/A\s+0\s+\d+s$", table.StdOut);
    }

    [Fact]
    public async Task Evict_BudgetAllowsOne_FirstEvictionPassesTheSecondIsRefused()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(Workload(minAvailable: 1));
        await c.AdvanceAsync(10);
        var pods = c.Sim.Store.List(SimResources.Pods, KubeletCluster.Ns).Items.Select(ObjectMeta.Name).ToList();
        using var http = c.Sim.CreateHttpClient();

        async Task<(int Code, JsonNode? Body)> Evict(string pod)
        {
            var body = new JsonObject { ["apiVersion"] = "policy/v1", ["kind"] = "Eviction", ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = KubeletCluster.Ns } };
            using var response = await http.PostAsync($"api/v1/namespaces/{KubeletCluster.Ns}/pods/{pod}/eviction", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        }

        var first = await Evict(pods[0]);
        var second = await Evict(pods[1]);

        Assert.Equal(201, first.Code);
        Assert.Equal(429, second.Code);
        Assert.Equal(("TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget."), ((string?)second.Body!["reason"], (string?)second.Body["message"]));
        Assert.Equal(("DisruptionBudget", "The disruption budget api needs 1 healthy pods and has 1 currently"), ((string?)second.Body["details"]!["causes"]![0]!["reason"], (string?)second.Body["details"]!["causes"]![0]!["message"]));
    }
}
