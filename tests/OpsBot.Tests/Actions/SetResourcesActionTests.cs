using OpsBot.Actions;
using OpsBot.Commands;

namespace OpsBot.Tests.Actions;

public sealed class SetResourcesActionTests
{
    private const string Wf = ActionCluster.WorkflowId;

    [Fact]
    public async Task S01_MemoryLeak_LimitAboveThePlateau_OomKillsStop()
    {
        await using var c = await ActionCluster.StartAsync("s01-frontend-memory-leak");
        await c.AdvanceAsync(TimeSpan.FromMinutes(12));
        Assert.All(c.Statuses("frontend"), s => Assert.Equal("OOMKilled", (string?)s["lastState"]!["terminated"]?["reason"]));

        var plan = await c.PlanAsync("/k8s set-resources deploy/frontend --memory-request 1Gi --memory-limit 2Gi");

        Assert.Equal(
            [
                new FieldChange("spec.template.spec.containers[frontend].resources.limits.memory", "512Mi", "2Gi"),
                new FieldChange("spec.template.spec.containers[frontend].resources.requests.memory", "256Mi", "1Gi"),
            ],
            plan.Changes);
        Assert.Equal(ActionRisk.High, plan.Risk);
        Assert.Contains("a large deployment (10 replicas)", plan.RiskReason, StringComparison.Ordinal);
        Assert.Contains("10 containers last OOMKilled (exit 137)", plan.CurrentState);
        Assert.Contains("container frontend: requests cpu 250m, memory 256Mi, limits cpu 1, memory 512Mi", plan.CurrentState);
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var generation = c.Generation("frontend");
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(generation, c.Generation("frontend"));

        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline, TimeSpan.FromSeconds(30));

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.Contains(result.Evidence, e => e.StartsWith("before the change: ", StringComparison.Ordinal));
        await c.AdvanceAsync(TimeSpan.FromMinutes(35));
        Assert.Equal(10, c.Statuses("frontend").Count);
        Assert.All(c.Statuses("frontend"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S05_JvmHeap_RaisedLimit_OomKillsStop()
    {
        await using var c = await ActionCluster.StartAsync("s05-jvm-heap-oom");
        await c.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.All(c.Statuses("checkout"), s => Assert.Equal("OOMKilled", (string?)s["lastState"]!["terminated"]?["reason"]));

        var plan = await c.PlanAsync("/k8s set-resources deploy/checkout -c checkout --memory-limit 2Gi");

        Assert.Equal([new FieldChange("spec.template.spec.containers[checkout].resources.limits.memory", "1Gi", "2Gi")], plan.Changes);
        Assert.Equal(ActionRisk.Medium, plan.Risk);
        await ActionCluster.ActionFor(plan).ApplyAsync(plan, Wf, c.Client);
        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline, TimeSpan.FromSeconds(30));

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        await c.AdvanceAsync(TimeSpan.FromMinutes(25));
        Assert.All(c.Statuses("checkout"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task LimitBelowTheWorkingSet_VerificationFailsOnOomKill_RevertRecovers()
    {
        await using var c = await ActionCluster.StartAsync();
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        var plan = await c.PlanAsync("/k8s set-resources deploy/checkout --memory-request 256Mi --memory-limit 300Mi");

        Assert.Equal(ActionRisk.High, plan.Risk);
        Assert.StartsWith("lowers a limit of container checkout", plan.RiskReason, StringComparison.Ordinal);
        var action = ActionCluster.ActionFor(plan);
        await action.ApplyAsync(plan, Wf, c.Client);
        var (failed, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline);

        Assert.Equal(VerificationStatus.Failed, failed.Status);
        Assert.Equal("deployment/checkout: a new pod was OOMKilled: the memory limit is still too low", failed.Summary);

        await action.RevertAsync(plan, Wf, c.Client);
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        var container = c.Deployment("checkout")["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!;
        Assert.Equal(("1Gi", "768Mi"), ((string?)container["limits"]!["memory"], (string?)container["requests"]!["memory"]));
        Assert.All(c.Statuses("checkout"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Theory]
    [InlineData("/k8s set-resources deploy/frontend --memory-limit lots", "--memory-limit: 'lots' is not a valid Kubernetes quantity: it does not start with a number")]
    [InlineData("/k8s set-resources deploy/frontend --memory-limit 0", "--memory-limit must be more than zero")]
    [InlineData("/k8s set-resources deploy/frontend --memory-limit 128Mi", "The memory request (256Mi) would be above the memory limit (128Mi) of container frontend")]
    [InlineData("/k8s set-resources deploy/frontend --cpu-request 2 --cpu-limit 1500m", "The cpu request (2) would be above the cpu limit (1500m)")]
    [InlineData("/k8s set-resources deploy/frontend", "Give at least one of --memory-limit, --memory-request, --cpu-limit, --cpu-request.")]
    public async Task Plan_BadQuantities_InputErrorNothingChanged(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();
        var generation = c.Generation("frontend");

        var error = await Assert.ThrowsAsync<CommandInputException>(() => c.PlanAsync(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(generation, c.Generation("frontend"));
    }

    [Theory]
    [InlineData("/k8s set-resources deploy/frontend -c app --memory-limit 1Gi", "container app not found in deployment/frontend; its containers: frontend.")]
    [InlineData("/k8s set-resources deploy/frontend --memory-limit 0.5Gi", "deployment/frontend container frontend already has memory limit 0.5Gi; nothing to change.")]
    [InlineData("/k8s set-resources deploy/nope --memory-limit 1Gi", "deployment nope not found in namespace ecommerce-production")]
    public async Task Plan_NoSuchThingOrAlreadySet_ClearAnswer(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Apply_LimitChangedBySomeoneElse_ConflictNamesTheField()
    {
        await using var c = await ActionCluster.StartAsync();
        var plan = await c.PlanAsync("/k8s set-resources deploy/frontend --memory-limit 1Gi");
        c.Sim.Store.Modify(ClusterSim.Store.SimResources.Deployments, ActionCluster.Ns, "frontend", d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"] = "768Mi");
        var generation = c.Generation("frontend");

        var error = await Assert.ThrowsAsync<ActionConflictException>(() => ActionCluster.ActionFor(plan).ApplyAsync(plan, Wf, c.Client));

        Assert.Equal("deployment/frontend changed since the plan, so it was not changed: spec.template.spec.containers[frontend].resources.limits.memory is now 768Mi (plan: 512Mi → 1Gi). Plan the action again.", error.Message);
        Assert.Equal(generation, c.Generation("frontend"));
    }
}
