using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Approvals;

/// <summary>
/// Who may break the glass (act without approval, with a mandatory reason): <c>none</c>, everyone holding
/// a permission on the namespace (<c>act</c>, <c>approve</c>, <c>admin</c>), or the holders of a role (<c>role:incident-commander</c>).
/// </summary>
public static class BreakGlassPolicy
{
    public const string Nobody = "none";

    private const string RolePrefix = "role:";

    /// <summary>Whether <paramref name="spec"/> is one of the forms above; otherwise says which are allowed.</summary>
    public static bool IsValid(string? spec, out string? problem)
    {
        problem = null;
        if (spec is null || spec == Nobody || TryPermission(spec, out _))
        {
            return true;
        }

        if (spec.StartsWith(RolePrefix, StringComparison.Ordinal) && spec.Length > RolePrefix.Length && !spec[RolePrefix.Length..].Any(char.IsWhiteSpace))
        {
            return true;
        }

        problem = $"\"{spec}\" is not a break-glass policy; use \"none\", a permission (\"act\", \"approve\", \"admin\") or \"role:NAME\"";
        return false;
    }

    public static bool Allows(string spec, Actor actor, string ns, IPermissionChecker permissions)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(permissions);
        if (TryPermission(spec, out var permission))
        {
            return permissions.Holds(actor, permission, ns);
        }

        return spec.StartsWith(RolePrefix, StringComparison.Ordinal) && permissions.HasRole(actor, spec[RolePrefix.Length..]);
    }

    /// <summary>"users with admin on the namespace", "the role incident-commander", "nobody".</summary>
    public static string Describe(string spec) =>
        TryPermission(spec, out _) ? $"users with {spec} on the namespace"
        : spec.StartsWith(RolePrefix, StringComparison.Ordinal) ? $"the role {spec[RolePrefix.Length..]}"
        : "nobody";

    private static bool TryPermission(string spec, out WorkflowPermission permission)
    {
        switch (spec)
        {
            case "act": permission = WorkflowPermission.Act; return true;
            case "approve": permission = WorkflowPermission.Approve; return true;
            case "admin": permission = WorkflowPermission.Admin; return true;
            default: permission = default; return false;
        }
    }
}
