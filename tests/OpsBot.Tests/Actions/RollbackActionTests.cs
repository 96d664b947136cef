using OpsBot.Actions;
using OpsBot.ClusterSim.Store;
using OpsBot.Commands;

namespace OpsBot.Tests.Actions;

public sealed class RollbackActionTests
{
    private const string Ns = ActionCluster.Ns;
    private const string Wf = ActionCluster.WorkflowId;

    [Fact]
    public async Task S02_MissingSecretKey_RollbackPlannedAppliedOnceVerifiedRecovers()
    {
        await using var c = await ActionCluster.StartAsync("s02-rollout-missing-secret-key");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Contains(c.Statuses("checkout"), s => (string?)s["state"]!["waiting"]?["reason"] == "CreateContainerConfigError");

        var plan = await c.PlanAsync("/rollback deploy/checkout");

        Assert.Equal(("rollback", "deployment/checkout", Ns), (plan.Kind, plan.Target, plan.Namespace));
        Assert.Equal("Roll back deployment/checkout from revision 2 to revision 1", plan.Summary);
        Assert.Equal(new FieldChange("revision", "2", "1"), plan.Changes[0]);
        Assert.Contains(plan.Changes, ch => ch.Path == "spec.template.spec.containers[checkout].image" && ch.Before == "registry.example.com/shop/checkout:3.9.0" && ch.After == "registry.example.com/shop/checkout:3.8.1");
        Assert.Equal(ActionRisk.Medium, plan.Risk);
        Assert.Contains("waiting: 1 CreateContainerConfigError", plan.CurrentState);
        Assert.Contains(plan.CurrentState, line => line.StartsWith("target: revision 1 (checkout-", StringComparison.Ordinal));

        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var applied = c.Deployment("checkout");
        Assert.Equal((Wf, "rollback"), (ActionCluster.Stamp(applied), ActionCluster.Annotation(applied, ActionAnnotations.Action)));
        Assert.Equal("registry.example.com/shop/checkout:3.8.1", ActionCluster.Image(applied));
        var version = c.ResourceVersion("checkout");
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(version, c.ResourceVersion("checkout"));

        var (result, after) = await c.VerifyUntilDecidedAsync(plan, TimeSpan.FromMinutes(5));

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        // Revision 1's ReplicaSet is reused and its pods never stopped serving: only the broken pod goes.
        Assert.InRange(after, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.StartsWith("2/2 pods ready on revision 3", result.Summary, StringComparison.Ordinal);
        Assert.Contains(result.Evidence, e => e.Contains("successfully rolled out", StringComparison.Ordinal));
        Assert.All(c.Statuses("checkout"), s => Assert.Equal(("registry.example.com/shop/checkout:3.8.1", true), ((string?)s["image"], (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S06_BadImageTag_RollbackFromProgressDeadlineExceededRecovers()
    {
        await using var c = await ActionCluster.StartAsync("s06-image-tag-not-found");
        await c.AdvanceAsync(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(30));
        Assert.Equal("ProgressDeadlineExceeded", (string?)c.Deployment("catalog")["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Progressing")!["reason"]);

        var plan = await c.PlanAsync("/rollback deploy/catalog -n ecommerce-production");

        Assert.Contains(new FieldChange("spec.template.spec.containers[catalog].image", "registry.example.com/shop/catalog:5.3.0", "registry.example.com/shop/catalog:5.2.3"), plan.Changes);
        Assert.Contains(plan.CurrentState, line => line.Contains("exceeded its progress deadline", StringComparison.Ordinal));
        Assert.Contains(plan.CurrentState, line => line.Contains("ImagePullBackOff", StringComparison.Ordinal) || line.Contains("ErrImagePull", StringComparison.Ordinal));
        Assert.Equal(ApplyOutcome.Applied, await ActionCluster.ActionFor(plan).ApplyAsync(plan, Wf, c.Client));

        var (result, _) = await c.VerifyUntilDecidedAsync(plan, TimeSpan.FromMinutes(5));

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.All(c.Statuses("catalog"), s => Assert.Equal(("registry.example.com/shop/catalog:5.2.3", true), ((string?)s["image"], (bool)s["ready"]!)));
    }

    [Fact]
    public async Task Revert_RollsBackToTheRevisionCurrentBefore_OnceAndStamped()
    {
        await using var c = await ActionCluster.StartAsync("s02b-rollout-crashloop");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        var plan = await c.PlanAsync("/rollback deploy/frontend");
        var action = ActionCluster.ActionFor(plan);
        await action.ApplyAsync(plan, Wf, c.Client);
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("registry.example.com/shop/frontend:2.14.0", ActionCluster.Image(c.Deployment("frontend")));

        await action.RevertAsync(plan, Wf, c.Client);

        var reverted = c.Deployment("frontend");
        Assert.Equal("registry.example.com/shop/frontend:2.15.0", ActionCluster.Image(reverted));
        Assert.Equal((Wf, "rollback-revert"), (ActionCluster.Stamp(reverted), ActionCluster.Annotation(reverted, ActionAnnotations.Action)));
        var generation = c.Generation("frontend");
        await action.RevertAsync(plan, Wf, c.Client);
        Assert.Equal(generation, c.Generation("frontend"));
    }

    [Fact]
    public async Task Plan_LargeDeployment_IsHighRisk()
    {
        await using var c = await ActionCluster.StartAsync("s02b-rollout-crashloop");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        c.Sim.Store.Modify(SimResources.Deployments, Ns, "frontend", d => d["spec"]!["replicas"] = 20);

        var plan = await c.PlanAsync("/rollback deploy/frontend");

        Assert.Equal(ActionRisk.High, plan.Risk);
        Assert.Contains("all 20 pods", plan.RiskReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rollback deploy/frontend", "deployment/frontend has no previous revision to roll back to (only revision 1).")]
    [InlineData("/rollback deploy/frontend --to-revision 1", "deployment/frontend already runs revision 1's template; nothing to roll back.")]
    [InlineData("/rollback deploy/frontend --to-revision 7", "deployment/frontend has no revision 7; its revisions: 1.")]
    [InlineData("/rollback deploy/nope", "deployment nope not found in namespace ecommerce-production")]
    public async Task Plan_NothingToRollBackTo_RefusedWithAClearMessage(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        var version = c.ResourceVersion("frontend");

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync(text));

        Assert.Equal(message, error.Message);
        Assert.Equal(version, c.ResourceVersion("frontend"));
    }

    [Fact]
    public async Task Apply_DeploymentChangedSincePlan_ConflictNothingChanged()
    {
        await using var c = await ActionCluster.StartAsync("s02-rollout-missing-secret-key");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        var plan = await c.PlanAsync("/rollback deploy/checkout");
        c.Sim.Store.Modify(SimResources.Deployments, Ns, "checkout", d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "registry.example.com/shop/checkout:3.9.1");
        await c.AdvanceAsync(TimeSpan.FromSeconds(5));
        var version = c.ResourceVersion("checkout");

        var error = await Assert.ThrowsAsync<ActionConflictException>(() => ActionCluster.ActionFor(plan).ApplyAsync(plan, Wf, c.Client));

        Assert.StartsWith("deployment/checkout is no longer on revision 2 (now revision 3)", error.Message, StringComparison.Ordinal);
        Assert.Equal(version, c.ResourceVersion("checkout"));
    }
}
