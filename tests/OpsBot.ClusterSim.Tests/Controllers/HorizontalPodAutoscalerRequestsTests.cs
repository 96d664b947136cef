using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

namespace OpsBot.ClusterSim.Tests.Controllers;

/// <summary>An HPA on CPU utilization over pods with a container that requests no CPU cannot compute a replica count.</summary>
public sealed class HorizontalPodAutoscalerRequestsTests
{
    [Fact]
    public async Task Reconcile_SidecarWithoutCpuRequest_FailedGetResourceMetricAndScalingInactive()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply($$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: {{KubeletCluster.Ns}} }
            spec:
              replicas: 2
              selector: {matchLabels: {app: web} }
              template:
                metadata: {labels: {app: web} }
                spec:
                  containers:
                  - {name: web, image: web:v1, resources: {requests: {cpu: 200m, memory: 128Mi} } }
                  - {name: log-shipper, image: fluent/fluent-bit:3.1.9}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web, namespace: {{KubeletCluster.Ns}} }
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              minReplicas: 2
              maxReplicas: 6
              metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70} } }]
            """);

        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        var hpa = c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, KubeletCluster.Ns, "web");
        var active = hpa["status"]!["conditions"]!.AsArray().OfType<JsonObject>().Single(x => (string?)x["type"] == "ScalingActive");
        Assert.Equal(("False", "FailedGetResourceMetric"), ((string?)active["status"], (string?)active["reason"]));
        Assert.Matches(@"^the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container log-shipper of Pod web-\w+-\w{5}$", (string?)active["message"]);
        var events = c.Sim.Store.List(SimResources.Events, KubeletCluster.Ns, e => (string?)e["involvedObject"]!["kind"] == "HorizontalPodAutoscaler").Items;
        Assert.Contains(events, e => (string?)e["reason"] == "FailedGetResourceMetric" && ((string)e["message"]!).StartsWith("failed to get cpu utilization: missing request for cpu in container log-shipper of Pod web-", StringComparison.Ordinal));
        var table = (await c.Kubectl!.RunAsync("get", "hpa", "-n", KubeletCluster.Ns)).EnsureSuccess();
        Assert.Matches(@"(?m)^web\s+Deployment/web\s+cpu: <unknown>/70%\s+2\s+6\s+2\s+\d+s$", table.StdOut);
    }
}
