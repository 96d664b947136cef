using System.Text.Json.Nodes;
using OpsBot.Actions;
using OpsBot.Authorization;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// A real cluster action for the workflow tests (the product's actions are built elsewhere):
/// <c>/test-scale deploy/NAME --replicas N</c> patches <c>spec.replicas</c> through the client, stamps the
/// workflow id, verifies by reading it back (or is told to fail), and reverts. Gates hold it at a step.
/// </summary>
internal sealed class TestScaleAction : IClusterAction
{
    public const string RevertedAnnotation = "test.opsbot.io/reverted-by";

    private int _applies;
    private int _alreadyApplied;
    private int _reverts;

    public string Kind => "test-scale";

    public CommandDefinition Definition { get; } = new(["test-scale"], "Scale a deployment (workflow tests).", Permission.Act)
    {
        Arguments = [new("NAME", ValueKind.ObjectName, "The deployment.") { Required = true, ObjectKind = "deployment", ResourcePrefixes = ["deploy", "deployment"] }],
        Flags = [new("replicas", ValueKind.Integer, "Desired replicas.") { Min = 0, Max = 50, ValueName = "N" }],
    };

    /// <summary>Verification sees the change fail.</summary>
    public bool FailVerification { get; set; }

    /// <summary>Verification never decides (Pending) until the deadline passes.</summary>
    public bool NeverVerifies { get; set; }

    public Gate? BeforeApply { get; set; }

    public Gate? AfterApply { get; set; }

    public Gate? BeforeVerify { get; set; }

    public Gate? BeforeRevert { get; set; }

    /// <summary>Patches this action really made.</summary>
    public int Applies => Volatile.Read(ref _applies);

    /// <summary>Apply calls that found their change already landed.</summary>
    public int AlreadyApplied => Volatile.Read(ref _alreadyApplied);

    public int Reverts => Volatile.Read(ref _reverts);

    public async Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        var name = context.Command.GetString("NAME")!;
        var after = context.Command.GetInt("replicas") ?? throw new CommandInputException("--replicas is required.");
        var deployment = await context.Client.AppsV1.ReadNamespacedDeploymentAsync(name, context.Namespace, cancellationToken: cancellationToken);
        var before = deployment.Spec?.Replicas ?? 1;
        if (before == after)
        {
            throw new CommandInputException($"deployment/{name} already has {after} replicas; nothing would change.");
        }

        return new ActionPlan
        {
            Kind = Kind,
            Cluster = context.ClusterName,
            Namespace = context.Namespace,
            Target = "deployment/" + name,
            Summary = $"Scale deployment/{name} from {before} to {after} replicas",
            Changes = [new FieldChange("spec.replicas", before.ToString(System.Globalization.CultureInfo.InvariantCulture), after.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            CurrentState = [$"{deployment.Status?.ReadyReplicas ?? 0}/{before} pods ready"],
            Risk = after == 0 ? ActionRisk.High : ActionRisk.Medium,
            RiskReason = after == 0 ? "stops every pod" : "changes capacity",
            Data = new JsonObject { ["name"] = name, ["before"] = before, ["after"] = after },
        };
    }

    public async Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        if (BeforeApply is { } before)
        {
            await before.PassAsync(cancellationToken);
        }

        var (name, ns) = ((string)plan.Data["name"]!, plan.Namespace);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken);
        if (deployment.Metadata?.Annotations?.TryGetValue(ActionAnnotations.WorkflowId, out var stamped) == true && stamped == workflowId)
        {
            Interlocked.Increment(ref _alreadyApplied);
            return ApplyOutcome.AlreadyApplied;
        }

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ActionAnnotations.WorkflowId] = workflowId, [ActionAnnotations.Action] = Kind } },
                ["spec"] = new JsonObject { ["replicas"] = (int)plan.Data["after"]! },
            }, V1Patch.PatchType.MergePatch), name, ns, cancellationToken: cancellationToken);
        Interlocked.Increment(ref _applies);
        if (AfterApply is { } after)
        {
            await after.PassAsync(cancellationToken);
        }

        return ApplyOutcome.Applied;
    }

    public async Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        if (BeforeVerify is { } gate)
        {
            await gate.PassAsync(cancellationToken);
        }

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync((string)plan.Data["name"]!, plan.Namespace, cancellationToken: cancellationToken);
        var replicas = deployment.Spec?.Replicas;
        string[] evidence = [$"spec.replicas={replicas}", $"metadata.generation={deployment.Metadata?.Generation}"];
        if (NeverVerifies)
        {
            return new VerificationResult(VerificationStatus.Pending, "still converging") { Evidence = evidence };
        }

        if (FailVerification)
        {
            return new VerificationResult(VerificationStatus.Failed, "pods crash-looping after the change") { Evidence = evidence };
        }

        return replicas == (int)plan.Data["after"]!
            ? new VerificationResult(VerificationStatus.Succeeded, $"{replicas} replicas as planned") { Evidence = evidence }
            : new VerificationResult(VerificationStatus.Pending, $"{replicas} replicas so far") { Evidence = evidence };
    }

    public async Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        if (BeforeRevert is { } gate)
        {
            await gate.PassAsync(cancellationToken);
        }

        var (name, ns) = ((string)plan.Data["name"]!, plan.Namespace);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken);
        if (deployment.Metadata?.Annotations?.TryGetValue(RevertedAnnotation, out var stamped) == true && stamped == workflowId)
        {
            return;
        }

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(new JsonObject
            {
                ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RevertedAnnotation] = workflowId } },
                ["spec"] = new JsonObject { ["replicas"] = (int)plan.Data["before"]! },
            }, V1Patch.PatchType.MergePatch), name, ns, cancellationToken: cancellationToken);
        Interlocked.Increment(ref _reverts);
    }
}
