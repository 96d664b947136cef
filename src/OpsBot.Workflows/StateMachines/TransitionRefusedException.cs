namespace OpsBot.Workflows.StateMachines;

/// <summary>
/// A trigger was not permitted: either the state does not accept it, or a guard did not hold
/// (<see cref="UnmetGuards"/> says which, in words fit for the person who asked).
/// </summary>
public sealed class TransitionRefusedException(string state, string trigger, IReadOnlyList<string> unmetGuards)
    : InvalidOperationException(unmetGuards.Count == 0
        ? $"'{trigger}' is not possible while the workflow is {state}."
        : $"'{trigger}' is not possible: {string.Join("; ", unmetGuards)}.")
{
    public string State { get; } = state;

    public string Trigger { get; } = trigger;

    public IReadOnlyList<string> UnmetGuards { get; } = unmetGuards;
}
