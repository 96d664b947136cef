namespace OpsBot.Workflows.StateMachines;

/// <summary>A condition on a transition, with the words a person reads when it blocks them.</summary>
internal sealed record Guard(Func<object?, bool> Condition, string Description);
