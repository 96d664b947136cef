namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>The result of firing a trigger on a stored workflow.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Workflow">The workflow as stored afterwards (as read, when refused); <see langword="null"/> when not found.</param>
/// <param name="Events">The history entries this change added (empty unless <see cref="TransitionStatus.Changed"/>).</param>
/// <param name="Refusal">Why it was refused, in words for the person who asked.</param>
/// <param name="UnmetGuards">The guards that did not hold (empty when the state does not accept the trigger at all).</param>
public sealed record TransitionOutcome(
    TransitionStatus Status,
    ActionWorkflow? Workflow,
    IReadOnlyList<WorkflowEvent> Events,
    string? Refusal = null,
    IReadOnlyList<string>? UnmetGuards = null)
{
    public static TransitionOutcome NotFound { get; } = new(TransitionStatus.NotFound, null, []);
}
