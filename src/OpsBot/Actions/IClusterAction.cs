using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Actions;

/// <summary>
/// One risky action kind (rollback, scale-hpa, set-resources, restart, set-probe, set-image,
/// cordon, drain, cert-renew): the command that requests it and how to plan, apply, verify and revert it.
/// It never decides whether to act: the action workflow calls <see cref="ApplyAsync"/> only after approval.
/// </summary>
public interface IClusterAction
{
    /// <summary><c>rollback</c>, <c>scale-hpa</c>, …: stored with the workflow, used in action ids and policy.</summary>
    string Kind { get; }

    /// <summary>The command that requests it (<c>/rollback</c>, <c>/k8s set-resources</c>), with <see cref="Authorization.Permission.Act"/>.</summary>
    CommandDefinition Definition { get; }

    /// <summary>
    /// Reads the cluster and computes the exact change, the current state and the risk. Bad requests
    /// (no such deployment, no previous revision, nothing would change) throw
    /// <see cref="CommandInputException"/> or <see cref="CommandFailedException"/> with a plain message.
    /// </summary>
    Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the change, stamping <paramref name="workflowId"/> on the changed object
    /// (<see cref="ActionAnnotations.WorkflowId"/>). Idempotent: when the object already carries the id
    /// the change has landed and nothing is done (<see cref="ApplyOutcome.AlreadyApplied"/>).
    /// Refuses (throws <see cref="ActionConflictException"/>) when the object changed since the plan in a way that makes it unsafe.
    /// </summary>
    Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default);

    /// <summary>One look at whether the change worked; the workflow calls it until it is decided or <see cref="ActionPlan.VerificationDeadline"/> passes.</summary>
    Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default);

    /// <summary>Puts back what <see cref="ActionPlan.Changes"/> replaced (idempotent too, stamped with <c>workflowId</c>).</summary>
    Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default);
}
