using System.Text.Json.Nodes;
using OpsBot.Actions;
using OpsBot.ClusterSim.Store;
using OpsBot.Commands;

namespace OpsBot.Tests.Actions;

public sealed class NodeActionTests
{
    private const string Ns = ActionCluster.Ns;
    private const string Wf = ActionCluster.WorkflowId;
    private const string Lost = "ip-10-0-3-33.ec2.internal";
    private const string Healthy = "ip-10-0-1-11.ec2.internal";

    [Fact]
    public async Task Cordon_LowRisk_AppliedOnce_Verified_RevertUncordons()
    {
        await using var c = await ActionCluster.StartAsync();
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));

        var plan = await c.PlanAsync($"/k8s cordon node/{Healthy}");

        Assert.Equal(("cordon", $"node/{Healthy}", string.Empty), (plan.Kind, plan.Target, plan.Namespace));
        Assert.Equal([new FieldChange("spec.unschedulable", null, "true")], plan.Changes);
        Assert.Equal(ActionRisk.Low, plan.Risk);
        Assert.Contains("Ready=True KubeletReady: kubelet is posting ready status", plan.CurrentState);
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var node = c.Sim.Store.Get(SimResources.Nodes, null, Healthy);
        Assert.Equal((true, Wf), ((bool?)node["spec"]!["unschedulable"], ActionCluster.Stamp(node)));
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(ObjectMeta.ResourceVersion(node), ObjectMeta.ResourceVersion(c.Sim.Store.Get(SimResources.Nodes, null, Healthy)));

        var result = await action.VerifyAsync(plan, Wf, c.Client);
        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        await c.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Contains("node.kubernetes.io/unschedulable", c.Sim.Store.Get(SimResources.Nodes, null, Healthy)["spec"]!["taints"]!.ToJsonString(), StringComparison.Ordinal);

        await action.RevertAsync(plan, Wf, c.Client);
        Assert.Null(c.Sim.Store.Get(SimResources.Nodes, null, Healthy)["spec"]!["unschedulable"]);
        Assert.Equal(VerificationStatus.Failed, (await action.VerifyAsync(plan, Wf, c.Client)).Status);
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync("/k8s cordon node/nope"));
        Assert.Equal("node nope not found", error.Message);
    }

    [Fact]
    public async Task S10_NodeLost_DrainMovesItsPodsElsewhereBeforeTheTaintManagerWould()
    {
        await using var c = await ActionCluster.StartAsync("s10-node-lost");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        var onLost = c.Sim.Store.List(SimResources.Pods, Ns).Items.Where(p => (string?)p["spec"]!["nodeName"] == Lost).Select(ObjectMeta.Name).ToList();
        Assert.NotEmpty(onLost);

        var plan = await c.PlanAsync($"/k8s drain node/{Lost}");

        Assert.Equal(ActionRisk.High, plan.Risk);
        Assert.Equal(new FieldChange("spec.unschedulable", null, "true"), plan.Changes[0]);
        Assert.Equal(onLost.Order(StringComparer.Ordinal), plan.Changes.Skip(1).Select(ch => ch.Path["pod ecommerce-production/".Length..]).Order(StringComparer.Ordinal));
        Assert.All(plan.Changes.Skip(1), ch => Assert.Equal(($"running on node/{Lost}", "evicted"), (ch.Before, ch.After)));
        Assert.Contains("Ready=Unknown NodeStatusUnknown: Kubelet stopped posting node status.", plan.CurrentState);
        Assert.Contains(plan.CurrentState, line => line.StartsWith($"{onLost.Count} pods to evict: ", StringComparison.Ordinal));
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.All(onLost, name => Assert.NotNull(c.Sim.Store.Get(SimResources.Pods, Ns, name)["metadata"]!["deletionTimestamp"]));
        var nodeVersion = ObjectMeta.ResourceVersion(c.Sim.Store.Get(SimResources.Nodes, null, Lost));
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(nodeVersion, ObjectMeta.ResourceVersion(c.Sim.Store.Get(SimResources.Nodes, null, Lost)));

        var (result, after) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline);

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.True(after < TimeSpan.FromMinutes(4), $"decided after {after}");
        var pods = c.Sim.Store.List(SimResources.Pods, Ns).Items;
        Assert.DoesNotContain(pods, p => (string?)p["spec"]!["nodeName"] == Lost);
        Assert.All(pods, p => Assert.Equal("Running", (string?)p["status"]!["phase"]));
        Assert.DoesNotContain(c.Sim.Store.List(SimResources.Events, Ns).Items, e => (string?)e["reason"] == "TaintManagerEviction");
    }

    [Fact]
    public async Task Drain_SkipsDaemonSetPods_AndRefusesPodsWithoutAController()
    {
        await using var c = await ActionCluster.StartAsync();
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        c.Sim.Store.Create(SimResources.Pods, Pod("node-exporter-x1", new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "DaemonSet", ["name"] = "node-exporter", ["uid"] = "ds-1", ["controller"] = true }));

        var plan = await c.PlanAsync($"/k8s drain node/{Healthy}");

        Assert.Contains("1 DaemonSet pods stay", plan.CurrentState);
        Assert.DoesNotContain(plan.Changes, ch => ch.Path.Contains("node-exporter", StringComparison.Ordinal));
        await ActionCluster.ActionFor(plan).ApplyAsync(plan, Wf, c.Client);
        Assert.Null(c.Sim.Store.Get(SimResources.Pods, Ns, "node-exporter-x1")["metadata"]!["deletionTimestamp"]);

        c.Sim.Store.Create(SimResources.Pods, Pod("debug-shell", owner: null));
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync($"/k8s drain node/{Healthy}"));
        Assert.StartsWith($"node/{Healthy} runs pods without a controller, which a drain would delete for good: ecommerce-production/debug-shell.", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Pod(string name, JsonObject? owner)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = Ns, ["labels"] = new JsonObject { ["app"] = name } };
        if (owner is not null)
        {
            metadata["ownerReferences"] = new JsonArray(owner);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["nodeName"] = Healthy,
                ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = "registry.example.com/shop/payment:1.12.0" }),
            },
        };
    }
}
