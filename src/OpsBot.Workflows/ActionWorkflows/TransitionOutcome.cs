using OpsBot.Workflows.Machines;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>The result of a step on a stored workflow.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Workflow">The workflow as stored afterwards (as read, when refused); <see langword="null"/> when not found.</param>
/// <param name="Events">The history entries this change added (empty unless <see cref="TransitionStatus.Changed"/>).</param>
/// <param name="Refusal">Why it was refused, from the guards' descriptions, and what the state takes instead.</param>
public sealed record TransitionOutcome(
    TransitionStatus Status,
    ActionWorkflow? Workflow,
    IReadOnlyList<WorkflowEvent> Events,
    TriggerRefusal? Refusal = null)
{
    public static TransitionOutcome NotFound { get; } = new(TransitionStatus.NotFound, null, []);

    /// <summary>The guards that did not hold (empty when not refused, or when the state does not take the step at all).</summary>
    public IReadOnlyList<string> UnmetGuards => Refusal?.UnmetGuards ?? [];
}
