namespace OpsBot.Authorization;

/// <summary>A role: permission name (<c>read</c>, <c>triage</c>, <c>act</c>, <c>approve</c>, <c>admin</c>) → namespace globs.</summary>
public sealed class RoleDefinition
{
    public Dictionary<string, List<string>> Permissions { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
