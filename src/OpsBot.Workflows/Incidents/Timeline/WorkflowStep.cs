using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>A step of a linked action workflow (requested, approved, executed, verified, reverted…), with the fields it changes.</summary>
public sealed record WorkflowStep : TimelineEntry
{
    public required string WorkflowId { get; init; }

    /// <summary><c>rollback</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>deployment/frontend</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The plan's one line.</summary>
    public required string Summary { get; init; }

    public required ActionWorkflowTrigger Trigger { get; init; }

    /// <summary>The state the step reached.</summary>
    public required ActionWorkflowState State { get; init; }

    /// <summary>Reason, result or error of the step.</summary>
    public string? Detail { get; init; }

    /// <summary>The fields the action changes (before → after).</summary>
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];

    public override string Describe() => $"{Kind} {Target} ({WorkflowId}): {State}{Because(Detail)}";

    /// <summary>The timeline entry of <paramref name="step"/> of <paramref name="workflow"/>, keyed so that reporting it twice records it once.</summary>
    public static WorkflowStep Of(ActionWorkflow workflow, WorkflowEvent step, IReadOnlyList<FieldChange> changes)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(changes);
        return new WorkflowStep
        {
            At = step.At,
            By = step.By,
            Key = $"workflow:{workflow.Id}:{step.Trigger}:{step.To}:{step.At.UtcTicks}",
            WorkflowId = workflow.Id,
            Kind = workflow.Kind,
            Target = workflow.Target,
            Summary = workflow.Summary,
            Trigger = step.Trigger,
            State = step.To,
            Detail = step.Detail,
            Changes = changes,
        };
    }
}
