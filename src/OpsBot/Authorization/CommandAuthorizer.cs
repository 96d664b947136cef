using Microsoft.Extensions.Options;
using OpsBot.Chat;
using OpsBot.Workflows;

namespace OpsBot.Authorization;

/// <summary>
/// User → roles → (permission × namespace globs), intersected with the channel's namespace globs.
/// Reads the options once; they are validated at start.
/// </summary>
public sealed class CommandAuthorizer : ICommandAuthorizer
{
    private readonly AuthorizationOptions _authorization;
    private readonly ChannelOptions _channels;
    private readonly Dictionary<string, UserRoleAssignment> _users;

    public CommandAuthorizer(IOptions<AuthorizationOptions> authorization, IOptions<ChannelOptions> channels)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(channels);
        _authorization = authorization.Value;
        _channels = channels.Value;
        _users = new Dictionary<string, UserRoleAssignment>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in _authorization.Users)
        {
            _users.TryAdd(user.Id, user);
        }
    }

    /// <summary>The key configuration uses for a platform id: <c>slack:U123</c>.</summary>
    public static string Key(ChatPlatform platform, string id) => platform.ToString().ToLowerInvariant() + ":" + id;

    public string? PersonOf(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _users.TryGetValue(Key(request.Platform, request.UserId), out var user) && !string.IsNullOrWhiteSpace(user.Person) ? user.Person : null;
    }

    public ChannelPolicy ChannelFor(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = Key(request.Platform, request.ChannelId);
        return _channels.Items.FirstOrDefault(channel => string.Equals(channel.Id, key, StringComparison.OrdinalIgnoreCase))
            ?? _channels.Default
            ?? ChannelOptions.AllowAll;
    }

    public AuthorizationDecision Authorize(ChatRequest request, Permission permission, string? ns)
    {
        ArgumentNullException.ThrowIfNull(request);
        var who = DisplayName(request);
        var grants = GrantsFor(request, permission);
        if (grants.Count == 0)
        {
            return AuthorizationDecision.Deny(RoleCount(request) == 0
                ? $"You ({who}) have no role in OpsBot. Ask an OpsBot admin to add {Key(request.Platform, request.UserId)} under Authorization:Users."
                : $"You ({who}) don't have {permission.ToName()} access to any namespace.");
        }

        var channel = ChannelFor(request);
        if (ns is null)
        {
            // Cluster-scoped (nodes) or all namespaces: some namespace must be open to both.
            if (channel.Namespaces.Count == 0)
            {
                return AuthorizationDecision.Deny("This channel is not allowed to look at any namespace.");
            }

            return AuthorizationDecision.Allow;
        }

        if (!NamespaceGlob.MatchesAny(grants, ns))
        {
            return AuthorizationDecision.Deny($"You ({who}) don't have {permission.ToName()} access to namespace {ns} in this channel.");
        }

        if (!NamespaceGlob.MatchesAny(channel.Namespaces, ns))
        {
            return AuthorizationDecision.Deny(channel.Namespaces.Count == 0
                ? $"Namespace {ns} is not allowed in this channel: it allows no namespace."
                : $"Namespace {ns} is not allowed in this channel (allowed here: {string.Join(", ", channel.Namespaces)}).");
        }

        return AuthorizationDecision.Allow;
    }

    public bool IsAllowed(ChatRequest request, Permission permission, string ns) =>
        NamespaceGlob.MatchesAny(GrantsFor(request, permission), ns) && NamespaceGlob.MatchesAny(ChannelFor(request).Namespaces, ns);

    private static string DisplayName(ChatRequest request) =>
        string.IsNullOrWhiteSpace(request.UserName) ? request.UserId : request.UserName;

    private int RoleCount(ChatRequest request) =>
        _authorization.DefaultRoles.Count + (_users.TryGetValue(Key(request.Platform, request.UserId), out var user) ? user.Roles.Count : 0);

    private List<string> GrantsFor(ChatRequest request, Permission permission)
    {
        var roles = new List<string>(_authorization.DefaultRoles);
        if (_users.TryGetValue(Key(request.Platform, request.UserId), out var user))
        {
            roles.AddRange(user.Roles);
        }

        var globs = new List<string>();
        foreach (var roleName in roles)
        {
            if (!_authorization.Roles.TryGetValue(roleName, out var role) || role is null)
            {
                continue;
            }

            foreach (var (name, namespaces) in role.Permissions)
            {
                if (PermissionNames.TryParse(name, out var granted) && granted.Covers(permission))
                {
                    globs.AddRange(namespaces ?? []);
                }
            }
        }

        return globs;
    }
}
