using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Policy;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Machines;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;
using static OpsBot.Workflows.Incidents.IncidentState;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// The incident, declared in one place with Stateless (DESIGN.md "Workflows"; docs/INCIDENTS.md): the open states
/// <c>Declared → Investigating → Identified → Mitigating → Monitoring</c> share the <see cref="Active"/> superstate, from
/// which an incident resolves; <c>Resolved</c> reopens to Investigating or closes once a postmortem exists; a false alarm
/// is cancelled from Declared or Investigating. People may skip phases forward and step back between the working states
/// (a fix that did not hold); nothing goes back to Declared. Severity and role changes, and a request to resolve a
/// SEV1/SEV2 waiting for the commander, are internal transitions: they change the incident, not its state.
/// </summary>
/// <remarks>
/// The state lives in the <see cref="Incident"/> (accessor/mutator constructor). The machine only decides and records —
/// milestones, the pending resolve, the timeline — on the copy it is given, at one instant; <see cref="IncidentService"/>
/// stores the result optimistically and the host does the side effects after. Fire it through the typed steps
/// (<c>IncidentMachine.Steps.cs</c>): a refusal names the rules that did not hold and what the state takes now.
/// </remarks>
public sealed partial class IncidentMachine
{
    private const string HoldsIncident = "the person holds incident on the namespace";

    private readonly Incident _incident;
    private readonly IIncidentPermissionChecker _permissions;
    private readonly StateMachine<IncidentState, IncidentTrigger> _machine;
    private readonly Dictionary<IncidentTrigger, StateMachine<IncidentState, IncidentTrigger>.TriggerWithParameters<StatusChange>> _moves = [];
    private readonly StateMachine<IncidentState, IncidentTrigger>.TriggerWithParameters<SeverityChange> _changeSeverity;
    private readonly StateMachine<IncidentState, IncidentTrigger>.TriggerWithParameters<RoleChange> _assignRole;

    private IncidentMachine(Incident incident, IIncidentPermissionChecker permissions, DateTimeOffset now)
    {
        _incident = incident;
        _permissions = permissions;
        var machine = _machine = new StateMachine<IncidentState, IncidentTrigger>(() => incident.State, state => incident.State = state);
        foreach (var trigger in StatusTriggers)
        {
            _moves[trigger] = machine.SetTriggerParameters<StatusChange>(trigger);
        }

        var investigate = _moves[IncidentTrigger.Investigate];
        var identify = _moves[IncidentTrigger.Identify];
        var mitigate = _moves[IncidentTrigger.Mitigate];
        var monitor = _moves[IncidentTrigger.Monitor];
        var cancel = _moves[IncidentTrigger.Cancel];
        _changeSeverity = machine.SetTriggerParameters<SeverityChange>(IncidentTrigger.ChangeSeverity);
        _assignRole = machine.SetTriggerParameters<RoleChange>(IncidentTrigger.AssignRole);

        var holds = Guard<StatusChange>(change => Holds(change.By), HoldsIncident);
        var saysWhy = Guard<StatusChange>(change => change.Reason is not null, "a reason is given (why it is a false alarm)");

        machine.Configure(Active)
            .PermitIf(
                _moves[IncidentTrigger.Resolve],
                Resolved,
                holds,
                Guard<StatusChange>(change => !incident.Severity.IsMajor() || incident.IsCommander(change.By), "a SEV1/SEV2 is resolved by its commander (others ask the commander)"))
            .PermitIf(
                _moves[IncidentTrigger.ApproveResolve],
                Resolved,
                Guard<StatusChange>(_ => incident.PendingResolve is not null, "someone asked to resolve"),
                Guard<StatusChange>(change => incident.IsCommander(change.By), "the commander approves"),
                holds)
            .InternalTransitionIf(_moves[IncidentTrigger.RequestResolve], change => Holds(change.By), (change, _) => RecordResolveRequest(change, now), HoldsIncident)
            .InternalTransitionIf(
                _moves[IncidentTrigger.DeclineResolve],
                change => incident.IsCommander(change.By) || incident.PendingResolve?.By.IsSameUser(change.By) == true,
                (change, _) => RecordResolveDeclined(change, now),
                "the commander declines, or the requester withdraws")
            .InternalTransitionIf(_changeSeverity, change => Holds(change.By), (change, _) => RecordSeverity(change, now), HoldsIncident)
            .InternalTransitionIf(_assignRole, change => Holds(change.By), (change, _) => RecordRole(change, now), HoldsIncident);

        machine.Configure(Declared)
            .SubstateOf(Active)
            .OnExit(() => incident.AcknowledgedAt ??= now, "note the acknowledgement")
            .PermitIf(investigate, Investigating, holds)
            .PermitIf(identify, Identified, holds)
            .PermitIf(mitigate, Mitigating, holds)
            .PermitIf(monitor, Monitoring, holds)
            .PermitIf(cancel, Cancelled, holds, saysWhy);

        machine.Configure(Investigating)
            .SubstateOf(Active)
            .OnEntryFrom(_moves[IncidentTrigger.Reopen], _ => Reopened(now), "restart the update cadence")
            .PermitIf(identify, Identified, holds)
            .PermitIf(mitigate, Mitigating, holds)
            .PermitIf(monitor, Monitoring, holds)
            .PermitIf(cancel, Cancelled, holds, saysWhy);

        machine.Configure(Identified)
            .SubstateOf(Active)
            .OnEntry(() => incident.IdentifiedAt ??= now, "note when the cause was first known")
            .PermitIf(investigate, Investigating, holds)
            .PermitIf(mitigate, Mitigating, holds)
            .PermitIf(monitor, Monitoring, holds);

        machine.Configure(Mitigating)
            .SubstateOf(Active)
            .PermitIf(investigate, Investigating, holds)
            .PermitIf(identify, Identified, holds)
            .PermitIf(monitor, Monitoring, holds);

        machine.Configure(Monitoring)
            .SubstateOf(Active)
            .OnEntry(() => incident.MitigatedAt ??= now, "note when the fix was first in")
            .PermitIf(investigate, Investigating, holds)
            .PermitIf(identify, Identified, holds)
            .PermitIf(mitigate, Mitigating, holds);

        machine.Configure(Resolved)
            .OnEntry(
                () =>
                {
                    incident.ResolvedAt = now;
                    incident.MitigatedAt ??= now;
                },
                "note the resolution")
            .PermitIf(_moves[IncidentTrigger.Reopen], Investigating, holds)
            .PermitIf(
                _moves[IncidentTrigger.Close],
                Closed,
                Guard<StatusChange>(_ => incident.Postmortem is not null, "a postmortem exists (/incident postmortem)"),
                holds)
            .InternalTransitionIf(_changeSeverity, change => Holds(change.By), (change, _) => RecordSeverity(change, now), HoldsIncident)
            .InternalTransitionIf(_assignRole, change => Holds(change.By), (change, _) => RecordRole(change, now), HoldsIncident);

        machine.Configure(Closed)
            .OnEntry(() => incident.ClosedAt = now, "note the close");

        machine.Configure(Cancelled)
            .OnEntry(() => incident.CancelledAt = now, "note the false alarm");

        // Before the entry actions: every move is one timeline entry, and a pending request to resolve is settled by it.
        machine.OnTransitioned(transition =>
        {
            var change = (StatusChange)transition.Parameters[0];
            incident.UpdatedAt = now;
            incident.Timeline.Add(new StatusChanged
            {
                At = now,
                By = change.By,
                From = transition.Source,
                To = transition.Destination,
                Trigger = transition.Trigger,
                Reason = change.Reason ?? (transition.Trigger == IncidentTrigger.ApproveResolve ? incident.PendingResolve?.Reason : null),
                RequestedBy = transition.Trigger == IncidentTrigger.ApproveResolve ? incident.PendingResolve?.By : null,
            });
            incident.PendingResolve = null;
        });
    }

    /// <summary>The triggers that carry a <see cref="StatusChange"/>.</summary>
    public static IReadOnlyList<IncidentTrigger> StatusTriggers { get; } =
    [
        IncidentTrigger.Investigate, IncidentTrigger.Identify, IncidentTrigger.Mitigate, IncidentTrigger.Monitor, IncidentTrigger.Resolve,
        IncidentTrigger.RequestResolve, IncidentTrigger.ApproveResolve, IncidentTrigger.DeclineResolve, IncidentTrigger.Reopen,
        IncidentTrigger.Close, IncidentTrigger.Cancel,
    ];

    /// <summary>The machine's states, transitions, guards and actions as Stateless describes them (what the graph is drawn from).</summary>
    public static StateMachineInfo Info { get; } = Create(Placeholder(), new NoPermissions(), TimeProvider.System)._machine.GetInfo();

    /// <summary>The graph as Stateless draws it in Mermaid (<c>MermaidGraph.Format</c>): a test compares it; docs and the dashboard show it.</summary>
    public static string Mermaid { get; } = MermaidGraph.Format(Info);

    public IncidentState State => _machine.State;

    /// <summary>A machine over <paramref name="incident"/>, deciding at <paramref name="time"/>'s now: guards ask <paramref name="permissions"/>.</summary>
    public static IncidentMachine Create(Incident incident, IIncidentPermissionChecker permissions, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(time);
        return new IncidentMachine(incident, permissions, time.GetUtcNow());
    }

    /// <summary>A machine over <paramref name="incident"/> deciding at <paramref name="now"/> (the service decides each step at one instant).</summary>
    internal static IncidentMachine Create(Incident incident, IIncidentPermissionChecker permissions, DateTimeOffset now) => new(incident, permissions, now);

    /// <summary>What the incident's state takes now (its superstate's steps too), each with its guards: what a refusal offers instead.</summary>
    public IReadOnlyList<PermittedTrigger> PermittedNow() => _machine.PermittedNow();

    private bool Holds(Actor actor) => _permissions.HoldsIncident(actor, _incident.Namespace);

    private void RecordResolveRequest(StatusChange change, DateTimeOffset now)
    {
        _incident.PendingResolve = new ResolveRequest(change.By, now, change.Reason);
        _incident.UpdatedAt = now;
        _incident.Timeline.Add(new ResolveRequested { At = now, By = change.By, Reason = change.Reason });
    }

    private void RecordResolveDeclined(StatusChange change, DateTimeOffset now)
    {
        var request = _incident.PendingResolve!;
        _incident.PendingResolve = null;
        _incident.UpdatedAt = now;
        _incident.Timeline.Add(new ResolveDeclined { At = now, By = change.By, Requester = request.By, Reason = change.Reason });
    }

    private void RecordSeverity(SeverityChange change, DateTimeOffset now)
    {
        var from = _incident.Severity;
        _incident.Severity = change.To;
        _incident.UpdatedAt = now;
        var open = _incident.State.IsOpen();
        if (open)
        {
            _incident.CadenceRestartedAt = now;
        }

        _incident.Timeline.Add(new SeverityChanged
        {
            At = now,
            By = change.By,
            From = from,
            To = change.To,
            Reason = change.Reason,
            Escalate = open && change.To == IncidentSeverity.Sev1,
        });
    }

    private void RecordRole(RoleChange change, DateTimeOffset now)
    {
        var previous = _incident.Holder(change.Role);
        switch (change.Role)
        {
            case IncidentRole.Commander:
                _incident.Commander = change.Person!;
                break;
            case IncidentRole.CommunicationsLead:
                _incident.CommunicationsLead = change.Person;
                break;
            default:
                _incident.Scribe = change.Person;
                break;
        }

        _incident.UpdatedAt = now;
        _incident.Timeline.Add(new RoleAssigned { At = now, By = change.By, Role = change.Role, Person = change.Person, Previous = previous });
    }

    private void Reopened(DateTimeOffset now)
    {
        _incident.ResolvedAt = null;
        _incident.CadenceRestartedAt = now;
    }

    private static Tuple<Func<T, bool>, string> Guard<T>(Func<T, bool> condition, string description) => Tuple.Create(condition, description);

    private static Incident Placeholder() => new()
    {
        Id = new IncidentId(2000, 1),
        Title = "graph",
        Severity = IncidentSeverity.Sev4,
        DeclaredBy = new Actor("console", "nobody", "none"),
        DeclaredIn = "console:none",
        Commander = new Actor("console", "nobody", "none"),
        DeclaredAt = DateTimeOffset.UnixEpoch,
    };

    private sealed class NoPermissions : IIncidentPermissionChecker
    {
        public bool HoldsIncident(Actor actor, string ns) => false;
    }
}
