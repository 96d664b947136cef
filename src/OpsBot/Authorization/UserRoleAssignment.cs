namespace OpsBot.Authorization;

/// <summary>A user (<c>platform:id</c>) and the roles they hold.</summary>
public sealed class UserRoleAssignment
{
    /// <summary><c>console:alice</c>, <c>slack:U123</c>, <c>teams:&lt;aad object id&gt;</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Names of roles defined under <c>Authorization:Roles</c>.</summary>
    public List<string> Roles { get; set; } = [];
}
