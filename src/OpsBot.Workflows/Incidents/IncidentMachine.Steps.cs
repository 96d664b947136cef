using OpsBot.Workflows.Machines;
using Stateless;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// The machine's typed steps: one method per thing a person can do to an incident's state, severity or roles. Each
/// answers <see langword="null"/> when the incident changed, otherwise why not — in this order: the state does not take
/// the step; what was asked is pointless or malformed (the severity it already has); a rule about the person does not
/// hold (the guards' descriptions) — and nothing changed.
/// </summary>
public sealed partial class IncidentMachine
{
    private const string CommanderResolves = "a SEV1/SEV2 is resolved by its commander (others ask the commander)";

    /// <summary>Moves the incident's status: Investigate, Identify, Mitigate, Monitor, Reopen, Close or Cancel (Resolve: <see cref="ResolveAsync"/>).</summary>
    public Task<IncidentRefusal?> MoveAsync(IncidentTrigger trigger, StatusChange change, CancellationToken cancellationToken = default)
    {
        if (trigger is IncidentTrigger.Resolve)
        {
            return ResolveAsync(change, cancellationToken);
        }

        if (trigger is not (IncidentTrigger.Investigate or IncidentTrigger.Identify or IncidentTrigger.Mitigate or IncidentTrigger.Monitor
            or IncidentTrigger.Reopen or IncidentTrigger.Close or IncidentTrigger.Cancel))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not a status move; use its own step.");
        }

        return FireAsync(_moves[trigger], change, null, cancellationToken);
    }

    /// <summary>
    /// Resolves — or, for a SEV1/SEV2 asked by someone other than the commander, records the request for the commander
    /// (the incident stays where it is; a <see cref="Timeline.ResolveRequested"/> entry says so).
    /// </summary>
    public Task<IncidentRefusal?> ResolveAsync(StatusChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var resolve = _moves[IncidentTrigger.Resolve];
        return _machine.WhyNot(resolve, change) is { UnmetGuards: [CommanderResolves] }
            ? RequestResolveAsync(change, cancellationToken)
            : FireAsync(resolve, change, null, cancellationToken);
    }

    /// <summary>Asks the commander to resolve a SEV1/SEV2 (someone other than the commander; one request at a time).</summary>
    public Task<IncidentRefusal?> RequestResolveAsync(StatusChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return FireAsync(
            _moves[IncidentTrigger.RequestResolve],
            change,
            () => !_incident.Severity.IsMajor() ? $"A {_incident.Severity.Label()} needs no approval to resolve: resolve it directly."
                : _incident.IsCommander(change.By) ? "You are the commander: resolve it directly."
                : _incident.PendingResolve is { } pending ? $"{pending.By.DisplayName} already asked to resolve at {pending.At.UtcDateTime:HH:mm} UTC; the commander ({_incident.Commander.DisplayName}) approves or declines it."
                : null,
            cancellationToken);
    }

    /// <summary>The commander approves the pending request: the incident is resolved, the requester named on the timeline.</summary>
    public Task<IncidentRefusal?> ApproveResolveAsync(StatusChange change, CancellationToken cancellationToken = default) =>
        FireAsync(_moves[IncidentTrigger.ApproveResolve], change, null, cancellationToken);

    /// <summary>The commander declines the pending request, or its requester withdraws it.</summary>
    public Task<IncidentRefusal?> DeclineResolveAsync(StatusChange change, CancellationToken cancellationToken = default) =>
        FireAsync(_moves[IncidentTrigger.DeclineResolve], change, () => _incident.PendingResolve is null ? "Nobody asked to resolve." : null, cancellationToken);

    /// <summary>A new severity (open or resolved incidents). Raising an open incident to SEV1 is flagged for escalation.</summary>
    public Task<IncidentRefusal?> ChangeSeverityAsync(SeverityChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return FireAsync(
            _changeSeverity,
            change,
            () => change.To == _incident.Severity ? $"The incident is already {change.To.Label()}." : null,
            cancellationToken);
    }

    /// <summary>Gives a role to someone who holds the incident permission, or clears the communications lead or scribe.</summary>
    public Task<IncidentRefusal?> AssignRoleAsync(RoleChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return FireAsync(_assignRole, change, () => RoleProblem(change), cancellationToken);
    }

    private string? RoleProblem(RoleChange change)
    {
        var holder = _incident.Holder(change.Role);
        if (change.Person is not { } person)
        {
            return change.Role == IncidentRole.Commander ? "An incident always has a commander: name the new one instead."
                : holder is null ? $"Nobody is the {change.Role.Label()}; there is nothing to clear."
                : null;
        }

        if (holder?.IsSameUser(person) == true)
        {
            return $"{person.DisplayName} is already the {change.Role.Label()}.";
        }

        return Holds(person) ? null
            : $"{person.DisplayName} does not hold the incident permission{(_incident.Namespace.Length == 0 ? string.Empty : $" on {_incident.Namespace}")}; give the {change.Role.Label()} role to someone who can act on the incident.";
    }

    private async Task<IncidentRefusal?> FireAsync<TArg>(
        StateMachine<IncidentState, IncidentTrigger>.TriggerWithParameters<TArg> trigger, TArg argument, Func<string?>? pointless, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(argument);
        cancellationToken.ThrowIfCancellationRequested();
        var refusal = _machine.WhyNot(trigger, argument);
        if (refusal is { IsWrongState: true })
        {
            return IncidentRefusal.FromTrigger(refusal);
        }

        if (pointless?.Invoke() is { } problem)
        {
            return IncidentRefusal.Invalid(trigger.Trigger.ToString(), problem, State, PermittedNow());
        }

        if (refusal is not null)
        {
            return IncidentRefusal.FromTrigger(refusal);
        }

        return await _machine.TryFireAsync(trigger, argument, cancellationToken).ConfigureAwait(false) is { } late ? IncidentRefusal.FromTrigger(late) : null;
    }
}
