using OpsBot.Chat;

namespace OpsBot.Authorization;

/// <summary>Decides whether a request's user, in its channel, holds a permission on a namespace.</summary>
public interface ICommandAuthorizer
{
    /// <summary>The policy of the channel the request came from.</summary>
    ChannelPolicy ChannelFor(ChatRequest request);

    /// <summary>
    /// Whether the user holds <paramref name="permission"/> on <paramref name="ns"/> and the channel allows
    /// that namespace. A <see langword="null"/> namespace means a cluster-scoped object (nodes) or all
    /// namespaces: allowed when the user and channel share at least one namespace.
    /// </summary>
    AuthorizationDecision Authorize(ChatRequest request, Permission permission, string? ns);

    /// <summary>The configured person behind the request's user (<see cref="UserRoleAssignment.Person"/>), if any.</summary>
    string? PersonOf(ChatRequest request);

    /// <summary>Whether a namespace is visible to this user in this channel (to filter <c>-A</c> listings).</summary>
    bool IsAllowed(ChatRequest request, Permission permission, string ns);
}
