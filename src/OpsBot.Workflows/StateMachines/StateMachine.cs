namespace OpsBot.Workflows.StateMachines;

/// <summary>
/// A small state machine in the spirit of the Stateless library: declared in one place with
/// <c>Configure(state).Permit(trigger, next)</c>, guards that explain themselves, entry/exit
/// actions, parameterised triggers, and state kept outside the machine (read and written through
/// delegates) so that a workflow's state lives in its persisted record. Triggers fired from inside
/// an action are queued and run after the current transition completes.
/// </summary>
public sealed partial class StateMachine<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Func<TState> _readState;
    private readonly Action<TState> _writeState;
    private readonly Dictionary<TState, StateConfiguration<TState, TTrigger>> _states = [];
    private readonly List<Func<Transition<TState, TTrigger>, CancellationToken, Task>> _onTransitioned = [];
    private readonly Queue<(TTrigger Trigger, object? Argument)> _queue = new();
    private bool _firing;

    public StateMachine(Func<TState> stateAccessor, Action<TState> stateMutator)
    {
        _readState = stateAccessor;
        _writeState = stateMutator;
    }

    public TState State => _readState();

    public StateConfiguration<TState, TTrigger> Configure(TState state)
    {
        if (!_states.TryGetValue(state, out var configuration))
        {
            configuration = new StateConfiguration<TState, TTrigger>(state);
            _states[state] = configuration;
        }

        return configuration;
    }

    /// <summary>Declares that <paramref name="trigger"/> carries an argument of type <typeparamref name="TArg"/>.</summary>
    public static TriggerWithParameter<TTrigger, TArg> SetTriggerParameter<TArg>(TTrigger trigger) => new(trigger);

    /// <summary>Called after every state change (also internal transitions), before entry actions: persist and audit here.</summary>
    public void OnTransitioned(Func<Transition<TState, TTrigger>, CancellationToken, Task> action) => _onTransitioned.Add(action);

    /// <summary>The reasons a trigger would be refused now (empty when it would be accepted).</summary>
    public IReadOnlyList<string> WhyNot(TTrigger trigger, object? argument = null)
    {
        var rules = RulesFor(State, trigger);
        if (rules.Count == 0)
        {
            return [$"'{trigger}' is not possible while the workflow is {State}"];
        }

        return rules.Any(rule => rule.UnmetGuards(argument).Count == 0) ? [] : Reasons(rules, argument);
    }

    public bool CanFire(TTrigger trigger, object? argument = null) => WhyNot(trigger, argument).Count == 0;

    /// <summary>Triggers the current state accepts at all (guards aside): what buttons to offer.</summary>
    public IReadOnlyList<TTrigger> PermittedTriggers =>
        [.. (_states.TryGetValue(State, out var configuration) ? configuration.Rules : []).Where(rule => !rule.Ignored).Select(rule => rule.Trigger).Distinct()];

    public Task FireAsync(TTrigger trigger, CancellationToken cancellationToken = default) =>
        EnqueueAndRunAsync(trigger, null, cancellationToken);

    public Task FireAsync<TArg>(TriggerWithParameter<TTrigger, TArg> trigger, TArg argument, CancellationToken cancellationToken = default) =>
        EnqueueAndRunAsync(trigger.Trigger, argument, cancellationToken);

    private async Task EnqueueAndRunAsync(TTrigger trigger, object? argument, CancellationToken cancellationToken)
    {
        if (_firing)
        {
            // Fired from an action of the running transition: the current one finishes first.
            _queue.Enqueue((trigger, argument));
            return;
        }

        _firing = true;
        try
        {
            await RunAsync(trigger, argument, cancellationToken).ConfigureAwait(false);
            while (_queue.TryDequeue(out var next))
            {
                await RunAsync(next.Trigger, next.Argument, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _queue.Clear();
            _firing = false;
        }
    }

    private async Task RunAsync(TTrigger trigger, object? argument, CancellationToken cancellationToken)
    {
        var source = State;
        var rules = RulesFor(source, trigger);
        var rule = rules.FirstOrDefault(candidate => candidate.UnmetGuards(argument).Count == 0)
            ?? throw new TransitionRefusedException(source.ToString(), trigger.ToString(), Reasons(rules, argument));
        if (rule.Ignored)
        {
            return;
        }

        var transition = new Transition<TState, TTrigger>(source, rule.Destination, trigger, argument);
        var from = _states[source];
        if (rule.IsInternal)
        {
            foreach (var (_, action) in from.InternalActions.Where(entry => EqualityComparer<TTrigger>.Default.Equals(entry.Trigger, trigger)))
            {
                await action(transition, cancellationToken).ConfigureAwait(false);
            }

            await NotifyAsync(transition, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var exit in from.ExitActions)
        {
            await exit(transition, cancellationToken).ConfigureAwait(false);
        }

        _writeState(rule.Destination);
        await NotifyAsync(transition, cancellationToken).ConfigureAwait(false);
        foreach (var entry in Configure(rule.Destination).EntryActions)
        {
            await entry(transition, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task NotifyAsync(Transition<TState, TTrigger> transition, CancellationToken cancellationToken)
    {
        foreach (var action in _onTransitioned)
        {
            await action(transition, cancellationToken).ConfigureAwait(false);
        }
    }

    // When one trigger has several rules (approve: "enough approvals" vs "more approvals needed"), the
    // reasons every rule shares are the ones that matter to the person; the rest only pick the branch.
    private static IReadOnlyList<string> Reasons(List<TransitionRule<TState, TTrigger>> rules, object? argument)
    {
        var unmet = rules.Select(rule => rule.UnmetGuards(argument)).ToList();
        if (unmet.Count == 0)
        {
            return [];
        }

        var shared = unmet.Skip(1).Aggregate((IEnumerable<string>)unmet[0], (common, next) => common.Intersect(next)).ToList();
        return shared.Count > 0 ? shared : [.. unmet.SelectMany(reasons => reasons).Distinct()];
    }

    private List<TransitionRule<TState, TTrigger>> RulesFor(TState state, TTrigger trigger) =>
        _states.TryGetValue(state, out var configuration)
            ? [.. configuration.Rules.Where(rule => EqualityComparer<TTrigger>.Default.Equals(rule.Trigger, trigger))]
            : [];
}
