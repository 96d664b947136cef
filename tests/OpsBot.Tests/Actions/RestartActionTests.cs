using OpsBot.Kubernetes;
using OpsBot.Actions;
using OpsBot.ClusterSim.Store;
using k8s.Models;

namespace OpsBot.Tests.Actions;

public sealed class RestartActionTests
{
    private const string Wf = ActionCluster.WorkflowId;

    [Fact]
    public async Task Restart_StampsRestartedAt_ReplacesEveryPod_VerifiesOnce()
    {
        await using var c = await ActionCluster.StartAsync();
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        var oldPods = c.Pods("payment").Select(ObjectMeta.Name).ToList();
        var now = c.Sim.Clock.GetUtcNow();

        var plan = await c.PlanAsync("/k8s restart deploy/payment");

        Assert.Equal([new FieldChange($"spec.template.metadata.annotations[{KubernetesAnnotations.RestartedAt}]", null, OpsBot.Kubernetes.KubernetesTime.Format(now))], plan.Changes);
        Assert.Equal("Restart all 2 pods of deployment/payment (rolling)", plan.Summary);
        Assert.Equal(ActionRisk.Medium, plan.Risk);
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var generation = c.Generation("payment");
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(generation, c.Generation("payment"));

        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline);

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.Equal(2, c.Pods("payment").Count);
        Assert.DoesNotContain(c.Pods("payment"), p => oldPods.Contains(ObjectMeta.Name(p)));
        await action.RevertAsync(plan, Wf, c.Client);
        Assert.Equal(generation, c.Generation("payment"));
    }

    [Fact]
    public async Task Plan_PausedDeployment_Refused()
    {
        await using var c = await ActionCluster.StartAsync();
        c.Sim.Store.Modify(SimResources.Deployments, ActionCluster.Ns, "payment", d => d["spec"]!["paused"] = true);

        var error = await Assert.ThrowsAsync<OpsBot.Commands.CommandFailedException>(() => c.PlanAsync("/k8s restart deploy/payment"));

        Assert.StartsWith("deployment/payment is paused, so the change would not roll out", error.Message, StringComparison.Ordinal);
    }
}
