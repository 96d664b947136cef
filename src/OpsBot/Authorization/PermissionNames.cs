namespace OpsBot.Authorization;

/// <summary>The configuration spelling of <see cref="Permission"/>s: <c>read</c>, <c>triage</c>, <c>act</c>, <c>approve</c>, <c>admin</c>, <c>incident</c>.</summary>
public static class PermissionNames
{
    public static IReadOnlyList<string> All { get; } = ["read", "triage", "act", "approve", "admin", "incident"];

    public static string ToName(this Permission permission) => permission switch
    {
        Permission.Read => "read",
        Permission.Triage => "triage",
        Permission.Act => "act",
        Permission.Approve => "approve",
        Permission.Admin => "admin",
        Permission.Incident => "incident",
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, null),
    };

    public static bool TryParse(string? name, out Permission permission)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "read": permission = Permission.Read; return true;
            case "triage": permission = Permission.Triage; return true;
            case "act": permission = Permission.Act; return true;
            case "approve": permission = Permission.Approve; return true;
            case "admin": permission = Permission.Admin; return true;
            case "incident": permission = Permission.Incident; return true;
            default: permission = default; return false;
        }
    }

    /// <summary>Whether holding <paramref name="granted"/> lets one do what <paramref name="required"/> needs.</summary>
    public static bool Covers(this Permission granted, Permission required) =>
        granted == required || granted == Permission.Admin || required == Permission.Read;
}
