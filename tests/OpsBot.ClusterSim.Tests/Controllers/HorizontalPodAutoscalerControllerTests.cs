using OpsBot.ClusterSim.Store;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;

namespace OpsBot.ClusterSim.Tests.Controllers;

public sealed class HorizontalPodAutoscalerControllerTests
{
    private static JsonObject Hpa(int min, int max, int target = 70) => new()
    {
        ["apiVersion"] = "autoscaling/v2",
        ["kind"] = "HorizontalPodAutoscaler",
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web" },
            ["minReplicas"] = min,
            ["maxReplicas"] = max,
            ["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = target } },
            }),
        },
    };

    private static JsonObject Get(ControllerCluster c) => c.Store.Get(SimResources.HorizontalPodAutoscalers, "default", "web");

    [Fact]
    public async Task Reconcile_HighCpu_ScalesUpToMaxThenLimited()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, cpu: "8", memory: "16Gi");
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 2, cpu: "200m"));
        await c.AdvanceAsync(3);
        c.Kubelet.Usage = _ => (190, 100L << 20); // 95 % of the 200m request
        await c.AdvanceAsync(2);
        c.Store.Create(SimResources.HorizontalPodAutoscalers, Hpa(2, 5));

        await c.AdvanceAsync(1);

        var hpa = Get(c);
        Assert.Equal((2, 3), (hpa.Int("status.currentReplicas"), hpa.Int("status.desiredReplicas")));
        Assert.Equal((95, "190m"), (hpa.Int("status.currentMetrics.0.resource.current.averageUtilization"), hpa.Text("status.currentMetrics.0.resource.current.averageValue")));
        Assert.Equal(("True", "SucceededRescale", "the HPA controller was able to update the target scale to 3"), (hpa.Condition("AbleToScale").Text("status"), hpa.Condition("AbleToScale").Text("reason"), hpa.Condition("AbleToScale").Text("message")));
        Assert.Equal(("True", "ValidMetricFound"), (hpa.Condition("ScalingActive").Text("status"), hpa.Condition("ScalingActive").Text("reason")));
        Assert.Equal(3, c.GetDeployment("web").Int("spec.replicas"));
        Assert.Equal("New size: 3; reason: cpu resource utilization (percentage of request) above target", Assert.Single(c.Events("SuccessfulRescale")).Text("message"));

        await c.AdvanceAsync(60);

        hpa = Get(c);
        Assert.Equal(5, c.GetDeployment("web").Int("spec.replicas"));
        Assert.Equal(5, c.Pods("web").Count);
        Assert.Equal((5, 5), (hpa.Int("status.currentReplicas"), hpa.Int("status.desiredReplicas")));
        var limited = hpa.Condition("ScalingLimited");
        Assert.Equal(("True", "TooManyReplicas", "the desired replica count is more than the maximum replica count"), (limited.Text("status"), limited.Text("reason"), limited.Text("message")));
        Assert.Equal("2026-11-20T03:00:21Z", hpa.Text("status.lastScaleTime")); // runs at :06, :21 (every 15 s)
    }

    [Fact]
    public async Task Reconcile_LoadDrops_ScalesDownOnlyAfterStabilizationWindow()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, cpu: "8", memory: "16Gi");
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 4, cpu: "200m"));
        await c.AdvanceAsync(3);
        c.Kubelet.Usage = _ => (140, 100L << 20); // 70 %: on target
        await c.AdvanceAsync(2);
        c.Store.Create(SimResources.HorizontalPodAutoscalers, Hpa(1, 10));
        await c.AdvanceAsync(30);
        Assert.Equal(4, c.GetDeployment("web").Int("spec.replicas"));

        c.Kubelet.Usage = _ => (20, 100L << 20); // 10 %
        await c.AdvanceAsync(120);

        var hpa = Get(c);
        Assert.Equal(4, c.GetDeployment("web").Int("spec.replicas"));
        Assert.Equal(("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation"), (hpa.Condition("AbleToScale").Text("reason"), hpa.Condition("AbleToScale").Text("message")));

        await c.AdvanceAsync(200);

        hpa = Get(c);
        Assert.Equal(1, c.GetDeployment("web").Int("spec.replicas"));
        Assert.Equal("New size: 1; reason: All metrics below target", c.Events("SuccessfulRescale").Single().Text("message"));
        Assert.Equal(("False", "DesiredWithinRange"), (hpa.Condition("ScalingLimited").Text("status"), hpa.Condition("ScalingLimited").Text("reason")));
    }

    [Fact]
    public async Task Reconcile_NoMetrics_ReportsFailedGetResourceMetric()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 2));
        await c.AdvanceAsync(3);
        c.Store.Create(SimResources.HorizontalPodAutoscalers, Hpa(1, 5));

        await c.AdvanceAsync(1);

        var active = Get(c).Condition("ScalingActive");
        Assert.Equal(
            ("False", "FailedGetResourceMetric", "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API"),
            (active.Text("status"), active.Text("reason"), active.Text("message")));
        Assert.Single(c.Events("FailedGetResourceMetric"));
        Assert.Equal(2, c.GetDeployment("web").Int("spec.replicas"));
    }

    [Fact]
    public async Task Reconcile_ScaleUpPolicy_LimitsRatePerPeriod()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, cpu: "8", memory: "16Gi");
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 2, cpu: "200m"));
        await c.AdvanceAsync(3);
        c.Kubelet.Usage = _ => (400, 100L << 20); // 200 %
        await c.AdvanceAsync(2);
        var hpa = Hpa(2, 10);
        hpa["spec"]!["behavior"] = new JsonObject
        {
            ["scaleUp"] = new JsonObject { ["policies"] = new JsonArray(new JsonObject { ["type"] = "Pods", ["value"] = 1, ["periodSeconds"] = 60 }) },
        };
        c.Store.Create(SimResources.HorizontalPodAutoscalers, hpa);

        await c.AdvanceAsync(1);

        var limited = Get(c).Condition("ScalingLimited");
        Assert.Equal(("True", "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"), (limited.Text("status"), limited.Text("reason"), limited.Text("message")));
        Assert.Equal(3, c.GetDeployment("web").Int("spec.replicas"));

        await c.AdvanceAsync(45);
        Assert.Equal(3, c.GetDeployment("web").Int("spec.replicas"));

        await c.AdvanceAsync(15);
        Assert.Equal(4, c.GetDeployment("web").Int("spec.replicas"));
    }
}
