using OpsBot.Actions;
using OpsBot.Commands;

namespace OpsBot.Tests.Actions;

public sealed class SetImageActionTests
{
    private const string Wf = ActionCluster.WorkflowId;
    private const string Hotfix = "registry.example.com/shop/payment:1.12.1";

    [Fact]
    public async Task S08_HotfixImage_RollsOutVerifiesAndEndsThePaymentErrors()
    {
        await using var c = await ActionCluster.StartAsync("s08-payment-hotfix");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Contains(c.Logs("payment"), l => l.StartsWith("ERROR HTTP 500 POST /api/payments", StringComparison.Ordinal));

        var plan = await c.PlanAsync($"/deploy set-image deploy/payment payment={Hotfix}");

        Assert.Equal([new FieldChange("spec.template.spec.containers[payment].image", "registry.example.com/shop/payment:1.12.0", Hotfix)], plan.Changes);
        Assert.Equal(ActionRisk.Medium, plan.Risk);
        Assert.Contains("2/2 pods ready", plan.CurrentState);
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var generation = c.Generation("payment");
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(generation, c.Generation("payment"));
        Assert.Equal((Wf, "set-image"), (ActionCluster.Stamp(c.Deployment("payment")), ActionCluster.Annotation(c.Deployment("payment"), ActionAnnotations.Action)));

        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline);

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.All(c.Statuses("payment"), s => Assert.Equal((Hotfix, true), ((string?)s["image"], (bool)s["ready"]!)));
        var verified = c.Sim.Clock.GetUtcNow();
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.DoesNotContain(c.LogsSince("payment", verified), l => l.StartsWith("ERROR", StringComparison.Ordinal));
        Assert.Contains(c.LogsSince("payment", verified), l => l.StartsWith("INFO HTTP 200 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S08_BadHotfixTag_VerificationFailsOnErrImagePull_RevertRecovers()
    {
        await using var c = await ActionCluster.StartAsync("s08-payment-hotfix");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        var plan = await c.PlanAsync("/deploy set-image deploy/payment payment=registry.example.com/shop/payment:1.12.2");
        var action = ActionCluster.ActionFor(plan);
        await action.ApplyAsync(plan, Wf, c.Client);

        var (failed, after) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline);

        Assert.Equal(VerificationStatus.Failed, failed.Status);
        Assert.Equal("deployment/payment: the new image cannot be pulled", failed.Summary);
        Assert.True(failed.Evidence.Any(e => e.Contains("registry.example.com/shop/payment:1.12.2: not found", StringComparison.Ordinal)), string.Join("\n", failed.Evidence));
        Assert.True(after < TimeSpan.FromMinutes(1), $"decided after {after}");

        await action.RevertAsync(plan, Wf, c.Client);
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var deployment = c.Deployment("payment");
        Assert.Equal(("registry.example.com/shop/payment:1.12.0", "set-image-revert"), (ActionCluster.Image(deployment), ActionCluster.Annotation(deployment, ActionAnnotations.Action)));
        Assert.Equal(2, c.Statuses("payment").Count);
        Assert.All(c.Statuses("payment"), s => Assert.Equal(("registry.example.com/shop/payment:1.12.0", true), ((string?)s["image"], (bool)s["ready"]!)));
    }

    [Theory]
    [InlineData("/deploy set-image deploy/payment registry.example.com/shop/payment:1.12.1", "Write the new image as CONTAINER=IMAGE:TAG")]
    [InlineData("/deploy set-image deploy/payment payment=registry.example.com/shop/payment", "is not a valid image reference: give a tag or a digest")]
    [InlineData("/deploy set-image deploy/payment payment=Registry.example.com/Shop/payment:1", "\"Registry.example.com/Shop/payment:1\" is not a valid image reference")]
    [InlineData("/deploy set-image deploy/payment payment=shop/payment:bad:tag", "is not a valid image reference")]
    [InlineData("/deploy set-image deploy/payment Pay=shop/payment:1.0", "\"Pay\" is not a valid container name")]
    public async Task Plan_BadImageArgument_InputErrorNothingChanged(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();
        var generation = c.Generation("payment");

        var error = await Assert.ThrowsAsync<CommandInputException>(() => c.PlanAsync(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Definition);
        Assert.Equal(generation, c.Generation("payment"));
    }

    [Theory]
    [InlineData("/deploy set-image deploy/payment app=shop/payment:1.0", "container app not found in deployment/payment; its containers: payment.")]
    [InlineData("/deploy set-image deploy/payment payment=registry.example.com/shop/payment:1.12.0", "deployment/payment container payment already runs registry.example.com/shop/payment:1.12.0; nothing to change.")]
    [InlineData("/deploy set-image deploy/nope payment=shop/payment:1.0", "deployment nope not found in namespace ecommerce-production")]
    public async Task Plan_NoSuchContainerOrNothingToChange_ClearAnswer(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync(text));

        Assert.Equal(message, error.Message);
    }
}
