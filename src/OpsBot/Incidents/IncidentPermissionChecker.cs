using OpsBot.ActionWorkflows;
using OpsBot.Authorization;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Incidents;

/// <summary>
/// The incidents' permission port answered by the host's authorization: the <c>incident</c> permission (users → roles →
/// permissions × namespaces, and the channel the person acted from). An incident without a namespace needs the
/// permission on some namespace the channel allows, as cluster-scoped commands do.
/// </summary>
public sealed class IncidentPermissionChecker(ICommandAuthorizer authorizer) : IIncidentPermissionChecker
{
    public bool HoldsIncident(Actor actor, string ns)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return authorizer.Authorize(Actors.ToRequest(actor), Permission.Incident, string.IsNullOrEmpty(ns) ? null : ns).Allowed;
    }
}
