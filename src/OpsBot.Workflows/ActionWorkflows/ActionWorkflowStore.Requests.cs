namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>The steps that create a workflow: a request for approval, or break-glass.</summary>
public sealed partial class ActionWorkflowStore
{
    /// <summary>Stores <paramref name="workflow"/> awaiting approval (its window opens now).</summary>
    public Task<TransitionOutcome> SubmitAsync(ActionWorkflow workflow, CancellationToken cancellationToken = default) =>
        CreateAsync(workflow, (machine, token) => machine.SubmitAsync(token), cancellationToken);

    /// <summary>
    /// Stores <paramref name="workflow"/> approved without approval, if its requester may break the glass and gave a
    /// <paramref name="reason"/>; otherwise refused (nothing stored).
    /// </summary>
    public Task<TransitionOutcome> BreakGlassAsync(ActionWorkflow workflow, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return CreateAsync(workflow, (machine, token) => machine.BreakGlassAsync(workflow.RequestedBy, reason, token), cancellationToken);
    }
}
