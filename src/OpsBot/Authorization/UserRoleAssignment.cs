namespace OpsBot.Authorization;

/// <summary>A user (<c>platform:id</c>) and the roles they hold.</summary>
public sealed class UserRoleAssignment
{
    /// <summary><c>console:alice</c>, <c>slack:U123</c>, <c>teams:&lt;aad object id&gt;</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// The human behind this id (e.g. <c>alice@example.com</c>), when they have ids on several platforms: ids with
    /// the same person count as one person for four-eyes approval, so nobody approves their own Slack request from Teams.
    /// </summary>
    /// <value>The default is none: the id is its own person.</value>
    public string? Person { get; set; }

    /// <summary>Names of roles defined under <c>Authorization:Roles</c>.</summary>
    public List<string> Roles { get; set; } = [];
}
