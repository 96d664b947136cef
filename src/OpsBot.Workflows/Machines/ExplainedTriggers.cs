using Stateless;

namespace OpsBot.Workflows.Machines;

/// <summary>
/// Firing a Stateless trigger so that a refusal is an answer, not an exception: <c>TryFireAsync</c> fires when
/// the current state takes the trigger and every guard holds, and otherwise returns a <see cref="TriggerRefusal"/>
/// built from the guards' descriptions (<c>CanFire(trigger, out unmetGuards)</c>) and what the state takes now
/// (<c>GetInfo()</c>). Every workflow machine fires through these, so every refusal explains itself the same way.
/// </summary>
/// <remarks>
/// Keep one transition per trigger and state (a <c>PermitDynamicIf</c> chooses between destinations): Stateless
/// reports the unmet guards of only one of several competing transitions, so several would blur the reasons.
/// Stateless takes no <see cref="CancellationToken"/>: the token is checked before firing, and a machine's actions
/// only record on the workflow copy they were given (no I/O), so they never block; the caller's token goes to the
/// store and to whatever it does after the store accepted the change.
/// </remarks>
public static class ExplainedTriggers
{
    /// <summary>Fires <paramref name="trigger"/> if the machine takes it now; otherwise says why not and changes nothing.</summary>
    public static async Task<TriggerRefusal?> TryFireAsync<TState, TTrigger>(this StateMachine<TState, TTrigger> machine, TTrigger trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        cancellationToken.ThrowIfCancellationRequested();
        if (machine.WhyNot(trigger) is { } refusal)
        {
            return refusal;
        }

        var before = machine.State;
        try
        {
            // Always FireAsync: a sync Fire on a machine with async actions throws after the state was written.
            await machine.FireAsync(trigger).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (Unchanged(machine, before) && machine.WhyNot(trigger) is not null)
        {
            // A guard changed its mind between the check and the firing (a permission reloaded): still a refusal.
            return machine.WhyNot(trigger);
        }

        return null;
    }

    /// <summary>Fires <paramref name="trigger"/> with <paramref name="argument"/> if the machine takes it now; otherwise says why not and changes nothing.</summary>
    public static async Task<TriggerRefusal?> TryFireAsync<TState, TTrigger, TArg>(
        this StateMachine<TState, TTrigger> machine, StateMachine<TState, TTrigger>.TriggerWithParameters<TArg> trigger, TArg argument, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(trigger);
        cancellationToken.ThrowIfCancellationRequested();
        if (machine.WhyNot(trigger, argument) is { } refusal)
        {
            return refusal;
        }

        var before = machine.State;
        try
        {
            await machine.FireAsync(trigger, argument).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (Unchanged(machine, before) && machine.WhyNot(trigger, argument) is not null)
        {
            return machine.WhyNot(trigger, argument);
        }

        return null;
    }

    /// <summary>Why the machine would not take <paramref name="trigger"/> now; <see langword="null"/> when it would.</summary>
    public static TriggerRefusal? WhyNot<TState, TTrigger>(this StateMachine<TState, TTrigger> machine, TTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return machine.CanFire(trigger, out var unmet) ? null : Refusal(machine, trigger, unmet);
    }

    /// <summary>Why the machine would not take <paramref name="trigger"/> with <paramref name="argument"/> now; <see langword="null"/> when it would.</summary>
    public static TriggerRefusal? WhyNot<TState, TTrigger, TArg>(this StateMachine<TState, TTrigger> machine, StateMachine<TState, TTrigger>.TriggerWithParameters<TArg> trigger, TArg argument)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(trigger);
        return machine.CanFire(trigger, argument, out var unmet) ? null : Refusal(machine, trigger.Trigger, unmet);
    }

    /// <summary>
    /// The triggers the current state takes, in declaration order — then those it inherits from its superstates (as
    /// Stateless fires them) — each with its guards' descriptions: what to offer a person.
    /// </summary>
    public static IReadOnlyList<PermittedTrigger> PermittedNow<TState, TTrigger>(this StateMachine<TState, TTrigger> machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var state = machine.State;
        var permitted = new List<PermittedTrigger>();
        for (var info = machine.GetInfo().States.FirstOrDefault(candidate => Equals(candidate.UnderlyingState, state)); info is not null; info = info.Superstate)
        {
            permitted.AddRange(info.FixedTransitions.Select(transition => (transition.Trigger, transition.GuardConditionsMethodDescriptions))
                .Concat(info.DynamicTransitions.Select(transition => (transition.Trigger, transition.GuardConditionsMethodDescriptions)))
                .Select(transition => new PermittedTrigger(
                    transition.Trigger.UnderlyingTrigger?.ToString() ?? string.Empty,
                    [.. transition.GuardConditionsMethodDescriptions.Select(guard => guard.Description)])));
        }

        return permitted;
    }

    private static TriggerRefusal Refusal<TState, TTrigger>(StateMachine<TState, TTrigger> machine, TTrigger trigger, ICollection<string>? unmet) =>
        new(machine.State?.ToString() ?? string.Empty, trigger?.ToString() ?? string.Empty, [.. unmet ?? []], machine.PermittedNow());

    private static bool Unchanged<TState, TTrigger>(StateMachine<TState, TTrigger> machine, TState before) =>
        EqualityComparer<TState>.Default.Equals(machine.State, before);
}
