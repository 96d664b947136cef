namespace OpsBot.Workflows.StateMachines;

/// <summary>One move of a machine: from, to, and the trigger that caused it (with its argument, if any).</summary>
public sealed record Transition<TState, TTrigger>(TState Source, TState Destination, TTrigger Trigger, object? Argument)
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public bool IsReentry => EqualityComparer<TState>.Default.Equals(Source, Destination);
}
