namespace OpsBot.Workflows.StateMachines;

/// <summary>A permitted trigger from a state: its destination and the guards that must hold.</summary>
internal sealed record TransitionRule<TState, TTrigger>(TTrigger Trigger, TState Destination, IReadOnlyList<Guard> Guards, bool Ignored = false)
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    /// <summary>Handled inside the state: no exit or entry actions run.</summary>
    public bool IsInternal { get; init; }

    public IReadOnlyList<string> UnmetGuards(object? argument) =>
        [.. Guards.Where(guard => !guard.Condition(argument)).Select(guard => guard.Description)];
}
