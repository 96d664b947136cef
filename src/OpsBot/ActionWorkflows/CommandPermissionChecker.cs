using Microsoft.Extensions.Options;
using OpsBot.Authorization;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;

namespace OpsBot.ActionWorkflows;

/// <summary>The workflow's permission port answered by the host's authorization: roles, permissions, namespaces and the channel.</summary>
public sealed class CommandPermissionChecker(ICommandAuthorizer authorizer, IOptions<AuthorizationOptions> authorization) : IPermissionChecker
{
    public bool Holds(Actor actor, WorkflowPermission permission, string ns)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var required = permission switch
        {
            WorkflowPermission.Act => Permission.Act,
            WorkflowPermission.Approve => Permission.Approve,
            _ => Permission.Admin,
        };
        return authorizer.Authorize(Actors.ToRequest(actor), required, string.IsNullOrEmpty(ns) ? null : ns).Allowed;
    }

    public bool HasRole(Actor actor, string role)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var options = authorization.Value;
        return options.DefaultRoles.Contains(role, StringComparer.OrdinalIgnoreCase)
            || options.Users.Any(user => string.Equals(user.Id, actor.Key, StringComparison.OrdinalIgnoreCase) && user.Roles.Contains(role, StringComparer.OrdinalIgnoreCase));
    }
}
