namespace OpsBot.Authorization;

/// <summary>
/// Who may do what where, bound from the <c>Authorization</c> section of appsettings.json and
/// validated at start (<see cref="AuthorizationOptionsValidator"/>). See docs/COMMANDS.md.
/// </summary>
/// <example>
/// <code>
/// "Authorization": {
///   "Users": [ { "Id": "console:alice", "Roles": [ "sre" ] }, { "Id": "slack:U123", "Roles": [ "viewer" ] } ],
///   "Roles": {
///     "sre":    { "Permissions": { "read": [ "*" ], "triage": [ "*" ], "act": [ "ecommerce-*" ] } },
///     "viewer": { "Permissions": { "read": [ "ecommerce-*" ] } }
///   },
///   "DefaultRoles": [ ]
/// }
/// </code>
/// </example>
public sealed class AuthorizationOptions
{
    public const string SectionName = "Authorization";

    /// <summary>Users and their roles. A user id is <c>platform:id</c>: <c>console:alice</c>, <c>slack:U123</c>, <c>teams:&lt;aad object id&gt;</c>.</summary>
    /// <value>The default is no users: nobody may run anything until configured.</value>
    public List<UserRoleAssignment> Users { get; set; } = [];

    /// <summary>Roles by name; each grants permissions on namespace globs.</summary>
    public Dictionary<string, RoleDefinition> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Roles every user has, listed or not (e.g. a read-only role).</summary>
    /// <value>The default is none.</value>
    public List<string> DefaultRoles { get; set; } = [];
}
