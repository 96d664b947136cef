namespace OpsBot.Workflows.StateMachines;

/// <summary>What one state permits and does on entry/exit; returned by <c>StateMachine.Configure(state)</c>.</summary>
public sealed class StateConfiguration<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    internal StateConfiguration(TState state) => State = state;

    public TState State { get; }

    internal List<TransitionRule<TState, TTrigger>> Rules { get; } = [];

    internal List<Func<Transition<TState, TTrigger>, CancellationToken, Task>> EntryActions { get; } = [];

    internal List<Func<Transition<TState, TTrigger>, CancellationToken, Task>> ExitActions { get; } = [];

    internal List<(TTrigger Trigger, Func<Transition<TState, TTrigger>, CancellationToken, Task> Action)> InternalActions { get; } = [];

    public StateConfiguration<TState, TTrigger> Permit(TTrigger trigger, TState destination) =>
        Add(trigger, destination, []);

    /// <summary>Permits the trigger only while <paramref name="guard"/> holds; <paramref name="description"/> is shown when it does not.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf(TTrigger trigger, TState destination, Func<bool> guard, string description) =>
        Add(trigger, destination, [new Guard(_ => guard(), description)]);

    /// <summary>A guard that sees the trigger's argument (e.g. who pressed Approve).</summary>
    public StateConfiguration<TState, TTrigger> PermitIf<TArg>(TriggerWithParameter<TTrigger, TArg> trigger, TState destination, Func<TArg, bool> guard, string description) =>
        Add(trigger.Trigger, destination, [new Guard(argument => guard((TArg)argument!), description)]);

    /// <summary>A transition with several guards that see the trigger's argument; each unmet one is reported by its description.</summary>
    public StateConfiguration<TState, TTrigger> PermitIf<TArg>(TriggerWithParameter<TTrigger, TArg> trigger, TState destination, params IReadOnlyList<(Func<TArg, bool> Guard, string Description)> guards) =>
        Add(trigger.Trigger, destination, Guards(guards));

    /// <summary>Stays in this state, running its exit and entry actions again.</summary>
    public StateConfiguration<TState, TTrigger> PermitReentry(TTrigger trigger) => Add(trigger, State, []);

    /// <summary>Handles the trigger without leaving the state (no exit/entry), when the guard holds.</summary>
    public StateConfiguration<TState, TTrigger> InternalTransitionIf<TArg>(
        TriggerWithParameter<TTrigger, TArg> trigger, Func<TArg, bool> guard, string description, Func<TArg, Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        Add(trigger.Trigger, State, [new Guard(argument => guard((TArg)argument!), description)], internalOnly: true);
        InternalActions.Add((trigger.Trigger, (transition, cancellationToken) => action((TArg)transition.Argument!, transition, cancellationToken)));
        return this;
    }

    /// <summary>Handles the trigger without leaving the state (no exit/entry) when every guard holds.</summary>
    public StateConfiguration<TState, TTrigger> InternalTransitionIf<TArg>(
        TriggerWithParameter<TTrigger, TArg> trigger, Func<TArg, Transition<TState, TTrigger>, CancellationToken, Task> action, params IReadOnlyList<(Func<TArg, bool> Guard, string Description)> guards)
    {
        Add(trigger.Trigger, State, Guards(guards), internalOnly: true);
        InternalActions.Add((trigger.Trigger, (transition, cancellationToken) => action((TArg)transition.Argument!, transition, cancellationToken)));
        return this;
    }

    /// <summary>Accepts the trigger and does nothing (a late duplicate click, say).</summary>
    public StateConfiguration<TState, TTrigger> Ignore(TTrigger trigger)
    {
        Rules.Add(new TransitionRule<TState, TTrigger>(trigger, State, [], Ignored: true));
        return this;
    }

    public StateConfiguration<TState, TTrigger> OnEntry(Func<Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        EntryActions.Add(action);
        return this;
    }

    /// <summary>Runs on entry only when arriving through <paramref name="trigger"/>, with its argument.</summary>
    public StateConfiguration<TState, TTrigger> OnEntryFrom<TArg>(TriggerWithParameter<TTrigger, TArg> trigger, Func<TArg, Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        EntryActions.Add((transition, cancellationToken) =>
            EqualityComparer<TTrigger>.Default.Equals(transition.Trigger, trigger.Trigger)
                ? action((TArg)transition.Argument!, transition, cancellationToken)
                : Task.CompletedTask);
        return this;
    }

    public StateConfiguration<TState, TTrigger> OnExit(Func<Transition<TState, TTrigger>, CancellationToken, Task> action)
    {
        ExitActions.Add(action);
        return this;
    }

    private static Guard[] Guards<TArg>(IReadOnlyList<(Func<TArg, bool> Guard, string Description)> guards) =>
        [.. guards.Select(guard => new Guard(argument => guard.Guard((TArg)argument!), guard.Description))];

    private StateConfiguration<TState, TTrigger> Add(TTrigger trigger, TState destination, IReadOnlyList<Guard> guards, bool internalOnly = false)
    {
        Rules.Add(new TransitionRule<TState, TTrigger>(trigger, destination, guards) { IsInternal = internalOnly });
        return this;
    }
}
