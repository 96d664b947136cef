using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Policy;

/// <summary>
/// The port through which incidents ask the host about the <c>incident</c> permission (declare, update, note, roles,
/// status), per namespace like the others: the host answers from its authorization (users → roles → permissions ×
/// namespaces, and the channel the person acted from). Roles of an incident are not permissions: a commander still
/// needs it, and a role is only given to someone who holds it.
/// </summary>
public interface IIncidentPermissionChecker
{
    /// <summary>
    /// Whether <paramref name="actor"/> holds the <c>incident</c> permission on <paramref name="ns"/>. An empty
    /// <paramref name="ns"/> is an incident not scoped to a namespace: the host decides what that needs (OpsBot's host:
    /// the permission without a namespace restriction, as for cluster-scoped actions).
    /// </summary>
    bool HoldsIncident(Actor actor, string ns);
}
