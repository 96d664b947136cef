namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>One step of a workflow's history (a state change, or an approval that did not yet change the state).</summary>
/// <param name="At">When.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after (equal to <paramref name="From"/> for an approval that was one of several).</param>
/// <param name="Trigger">What moved it.</param>
/// <param name="By">The person, or <see langword="null"/> for the bot.</param>
/// <param name="Detail">Reason, result or error.</param>
public sealed record WorkflowEvent(DateTimeOffset At, ActionWorkflowState From, ActionWorkflowState To, ActionWorkflowTrigger Trigger, Actor? By, string? Detail);
