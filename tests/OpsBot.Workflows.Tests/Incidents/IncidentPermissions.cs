using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>The incident permission by user key and namespace ("*": every namespace, and incidents without one).</summary>
internal sealed class IncidentPermissions : IIncidentPermissionChecker
{
    private readonly Dictionary<string, HashSet<string>> _grants = new(StringComparer.OrdinalIgnoreCase);

    public IncidentPermissions Grant(Actor actor, string ns = "*")
    {
        if (!_grants.TryGetValue(actor.Key, out var namespaces))
        {
            _grants[actor.Key] = namespaces = new HashSet<string>(StringComparer.Ordinal);
        }

        namespaces.Add(ns);
        return this;
    }

    public IncidentPermissions Revoke(Actor actor)
    {
        _grants.Remove(actor.Key);
        return this;
    }

    public bool HoldsIncident(Actor actor, string ns) =>
        _grants.TryGetValue(actor.Key, out var namespaces) && (namespaces.Contains("*") || namespaces.Contains(ns));
}
