using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents;

/// <summary>The steps the incident machine decides: status, resolve requests, severity, roles.</summary>
public sealed partial class IncidentService
{
    /// <summary>
    /// Moves the status (<c>/incident status identified "root cause: …"</c>, the card's buttons): Investigate, Identify,
    /// Mitigate, Monitor, Resolve (a SEV1/SEV2 by someone other than the commander becomes a request to the commander,
    /// see <see cref="ResolveAsync"/>), Reopen, Close or Cancel (with a reason).
    /// </summary>
    public Task<IncidentOutcome> ChangeStatusAsync(string id, IncidentTrigger move, Actor by, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (move is not (IncidentTrigger.Investigate or IncidentTrigger.Identify or IncidentTrigger.Mitigate or IncidentTrigger.Monitor
            or IncidentTrigger.Resolve or IncidentTrigger.Reopen or IncidentTrigger.Close or IncidentTrigger.Cancel))
        {
            throw new ArgumentOutOfRangeException(nameof(move), move, "Not a status move; use its own step.");
        }

        return WithReasonAsync(id, move, reason, (machine, change, token) => machine.MoveAsync(move, change, token), by, cancellationToken);
    }

    /// <summary>
    /// Resolves: anyone with the permission for SEV3/SEV4, the commander for SEV1/SEV2; anyone else's Resolve of a
    /// SEV1/SEV2 is recorded as a request the commander approves (<see cref="ApproveResolveAsync"/>) — the outcome is
    /// Changed either way; its <see cref="IncidentOutcome.Added"/> says which (a StatusChanged or a ResolveRequested).
    /// </summary>
    public Task<IncidentOutcome> ResolveAsync(string id, Actor by, string? reason, CancellationToken cancellationToken = default) =>
        WithReasonAsync(id, IncidentTrigger.Resolve, reason, (machine, change, token) => machine.ResolveAsync(change, token), by, cancellationToken);

    /// <summary>Asks the commander to resolve a SEV1/SEV2 (refused for SEV3/SEV4 and for the commander: they resolve directly).</summary>
    public Task<IncidentOutcome> RequestResolveAsync(string id, Actor by, string? reason, CancellationToken cancellationToken = default) =>
        WithReasonAsync(id, IncidentTrigger.RequestResolve, reason, (machine, change, token) => machine.RequestResolveAsync(change, token), by, cancellationToken);

    /// <summary>The commander approves the pending request to resolve.</summary>
    public Task<IncidentOutcome> ApproveResolveAsync(string id, Actor commander, CancellationToken cancellationToken = default) =>
        WithReasonAsync(id, IncidentTrigger.ApproveResolve, null, (machine, change, token) => machine.ApproveResolveAsync(change, token), commander, cancellationToken);

    /// <summary>The commander declines the pending request to resolve (or its requester withdraws it).</summary>
    public Task<IncidentOutcome> DeclineResolveAsync(string id, Actor by, string? reason, CancellationToken cancellationToken = default) =>
        WithReasonAsync(id, IncidentTrigger.DeclineResolve, reason, (machine, change, token) => machine.DeclineResolveAsync(change, token), by, cancellationToken);

    /// <summary>Closes a resolved incident that has a postmortem.</summary>
    public Task<IncidentOutcome> CloseAsync(string id, Actor by, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, IncidentTrigger.Close, by, null, cancellationToken);

    /// <summary>
    /// A new severity (<c>/incident severity sev2 "reason"</c>), for an open or resolved incident: re-plans the update
    /// cadence; raising an open incident to SEV1 sets <see cref="IncidentOutcome.Escalate"/>.
    /// </summary>
    public Task<IncidentOutcome> ChangeSeverityAsync(string id, string? severity, Actor by, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var step = nameof(IncidentTrigger.ChangeSeverity);
        if (!IncidentSeverities.TryParse(severity, out var to, out var severityProblem))
        {
            return InvalidAsync(step, severityProblem);
        }

        if (!IncidentText.TryReason(reason, out var why, out var problem))
        {
            return InvalidAsync(step, problem!);
        }

        return StepAsync(
            id,
            step,
            async (incident, now, token) => await Machine(incident, now).ChangeSeverityAsync(new SeverityChange(by, to, why), token).ConfigureAwait(false),
            cancellationToken);
    }

    /// <summary>
    /// Gives <paramref name="role"/> to <paramref name="person"/> (the host resolved the mention; an unknown one is
    /// answered with <see cref="IncidentRefusal.UnknownPerson"/> without calling this), or clears the comms lead or
    /// scribe with <see langword="null"/>. The person must hold the incident permission.
    /// </summary>
    public Task<IncidentOutcome> AssignRoleAsync(string id, IncidentRole role, Actor? person, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        return StepAsync(
            id,
            nameof(IncidentTrigger.AssignRole),
            async (incident, now, token) => await Machine(incident, now).AssignRoleAsync(new RoleChange(by, role, person), token).ConfigureAwait(false),
            cancellationToken);
    }

    private Task<IncidentOutcome> WithReasonAsync(
        string id, IncidentTrigger trigger, string? reason, Func<IncidentMachine, StatusChange, CancellationToken, Task<IncidentRefusal?>> step, Actor by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!IncidentText.TryReason(reason, out var why, out var problem))
        {
            return InvalidAsync(trigger.ToString(), problem!);
        }

        var change = new StatusChange(by, why);
        return StepAsync(id, trigger.ToString(), async (incident, now, token) => await step(Machine(incident, now), change, token).ConfigureAwait(false), cancellationToken);
    }

    private static Task<IncidentOutcome> InvalidAsync(string step, string problem) =>
        Task.FromResult(IncidentOutcome.Refused(null, IncidentRefusal.Invalid(step, problem)));
}
