using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

/// <summary>Permissions by user key: "console:bob" → approve everywhere, and so on.</summary>
internal sealed class StubPermissions : IPermissionChecker
{
    private readonly Dictionary<string, HashSet<WorkflowPermission>> _grants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _roles = new(StringComparer.OrdinalIgnoreCase);

    public StubPermissions Grant(string user, params WorkflowPermission[] permissions)
    {
        if (!_grants.TryGetValue(user, out var granted))
        {
            _grants[user] = granted = [];
        }

        granted.UnionWith(permissions);
        return this;
    }

    public StubPermissions Role(string user, string role)
    {
        if (!_roles.TryGetValue(user, out var roles))
        {
            _roles[user] = roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        roles.Add(role);
        return this;
    }

    public bool Holds(Actor actor, WorkflowPermission permission, string ns) =>
        _grants.TryGetValue(actor.Key, out var granted) && (granted.Contains(permission) || granted.Contains(WorkflowPermission.Admin));

    public bool HasRole(Actor actor, string role) => _roles.TryGetValue(actor.Key, out var roles) && roles.Contains(role);
}
