using OpsBot.Actions;
using OpsBot.Commands;

namespace OpsBot.Tests.Actions;

public sealed class SetProbeActionTests
{
    private const string Wf = ActionCluster.WorkflowId;

    [Fact]
    public async Task S09_AggressiveLiveness_LongerTimeoutAndThreshold_RestartsStop()
    {
        await using var c = await ActionCluster.StartAsync("s09-liveness-probe-too-aggressive");
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.All(c.Statuses("catalog"), s => Assert.True((int)s["restartCount"]! >= 2));

        var plan = await c.PlanAsync("/k8s set-probe deploy/catalog --probe liveness --timeout 3s --failure-threshold 5");

        Assert.Equal(
            [
                new FieldChange("spec.template.spec.containers[catalog].livenessProbe.timeoutSeconds", "1", "3"),
                new FieldChange("spec.template.spec.containers[catalog].livenessProbe.failureThreshold", "3", "5"),
            ],
            plan.Changes);
        Assert.Equal(ActionRisk.Medium, plan.Risk);
        Assert.Contains("liveness probe of catalog: timeoutSeconds 1, periodSeconds 5, failureThreshold 3, initialDelaySeconds 0 (default)", plan.CurrentState);
        Assert.Contains(plan.CurrentState, line => line.EndsWith(" restarts", StringComparison.Ordinal) || line.Contains(" restarts, last ", StringComparison.Ordinal));
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var generation = c.Generation("catalog");
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(generation, c.Generation("catalog"));

        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline, TimeSpan.FromSeconds(15));

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        await c.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.All(c.Statuses("catalog"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task X03_LivenessOnTheWrongPort_RepointedAtTheNamedPort_RestartsStop()
    {
        await using var c = await ActionCluster.StartAsync("x03-liveness-probe-wrong-port");
        await c.AdvanceAsync(TimeSpan.FromMinutes(5));

        var plan = await c.PlanAsync("/k8s set-probe deploy/payment --probe liveness --port http");

        Assert.Equal([new FieldChange("spec.template.spec.containers[payment].livenessProbe.httpGet.port", "8080", "http")], plan.Changes);
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline, TimeSpan.FromSeconds(15));

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.Equal("http", (string?)c.Deployment("payment")["spec"]!["template"]!["spec"]!["containers"]![0]!["livenessProbe"]!["httpGet"]!["port"]);
    }

    [Theory]
    [InlineData("/k8s set-probe deploy/payment --probe liveness --port grpc", "container payment declares no port named \"grpc\".")]
    [InlineData("/k8s set-probe deploy/payment --probe liveness --port 70000", "--port must be between 1 and 65535, not 70000.")]
    [InlineData("/k8s set-probe deploy/payment --probe liveness --path healthz", "--path must be an absolute URL path such as /healthz, not \"healthz\".")]
    public async Task Target_BadPortOrPath_IsRefusedClearly(string command, string error)
    {
        await using var c = await ActionCluster.StartAsync();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => c.PlanAsync(command));

        Assert.Contains(error, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StricterLiveness_IsHighRisk_AndRevertRestoresTheUnsetField()
    {
        await using var c = await ActionCluster.StartAsync();
        var plan = await c.PlanAsync("/k8s set-probe deploy/payment --probe liveness --period 5s --initial-delay 30s");

        Assert.Equal(
            [
                new FieldChange("spec.template.spec.containers[payment].livenessProbe.periodSeconds", "10", "5"),
                new FieldChange("spec.template.spec.containers[payment].livenessProbe.initialDelaySeconds", null, "30"),
            ],
            plan.Changes);
        Assert.Equal(ActionRisk.High, plan.Risk);
        var action = ActionCluster.ActionFor(plan);
        await action.ApplyAsync(plan, Wf, c.Client);
        await action.RevertAsync(plan, Wf, c.Client);

        var probe = c.Deployment("payment")["spec"]!["template"]!["spec"]!["containers"]![0]!["livenessProbe"]!;
        Assert.Equal(10, (int)probe["periodSeconds"]!);
        Assert.Null(probe["initialDelaySeconds"]);
    }

    [Fact]
    public async Task Plan_ContainerWithoutThatProbe_Refused()
    {
        await using var c = await ActionCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync("/k8s set-probe deploy/redis --probe readiness --timeout 5s"));

        Assert.Equal("container redis of deployment/redis has no readiness probe; set-probe tunes an existing probe and does not add one.", error.Message);
    }

    [Theory]
    [InlineData("/k8s set-probe deploy/catalog --probe startup --timeout 5s", "--probe must be liveness or readiness, not \"startup\".")]
    [InlineData("/k8s set-probe deploy/catalog --timeout 5s", "Say which probe with --probe liveness or --probe readiness.")]
    [InlineData("/k8s set-probe deploy/catalog --probe liveness", "Give at least one of --timeout, --period, --failure-threshold, --initial-delay, --port, --path.")]
    [InlineData("/k8s set-probe deploy/catalog --probe liveness --timeout 2h", "--timeout must be whole seconds of at most 1h, not 2h.")]
    public async Task Plan_BadProbeInput_InputError(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CommandInputException>(() => c.PlanAsync(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Plan_SameValues_AlreadySet()
    {
        await using var c = await ActionCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync("/k8s set-probe deploy/catalog --probe liveness --timeout 2s --failure-threshold 3"));

        Assert.Equal("The liveness probe of container catalog of deployment/catalog already has timeoutSeconds 2, failureThreshold 3; nothing to change.", error.Message);
    }
}
