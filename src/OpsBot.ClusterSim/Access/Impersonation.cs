using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Api;

namespace OpsBot.ClusterSim.Access;

/// <summary>
/// <c>Impersonate-User</c>, <c>Impersonate-Group</c>, <c>Impersonate-Uid</c> and <c>Impersonate-Extra-*</c>
/// (kubectl <c>--as</c>, <c>--as-group</c>, <c>--as-uid</c>) as the API server's impersonation filter handles them:
/// the requester needs the <c>impersonate</c> verb on <c>users</c> (or <c>serviceaccounts</c> in the account's
/// namespace), <c>groups</c>, <c>authentication.k8s.io</c> <c>uids</c> and <c>userextras/KEY</c>; the request then runs as
/// the impersonated user — a ServiceAccount with its groups when none are given, plus <c>system:authenticated</c>.
/// </summary>
// https://github.com/kubernetes/apiserver/blob/master/pkg/endpoints/filters/impersonation.go
public static class Impersonation
{
    private const string UserHeader = "Impersonate-User";
    private const string GroupHeader = "Impersonate-Group";
    private const string UidHeader = "Impersonate-Uid";
    private const string ExtraHeaderPrefix = "Impersonate-Extra-";

    /// <summary>The user the request acts as; the requester itself when it impersonates no one.</summary>
    public static UserInfo Apply(UserInfo requester, IHeaderDictionary headers, Func<RequestAttributes, AuthorizationDecision> authorize)
    {
        var userName = headers[UserHeader].ToString();
        var groups = headers[GroupHeader].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers[UidHeader].ToString();
        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in headers)
        {
            if (key.StartsWith(ExtraHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                extra[Uri.UnescapeDataString(key[ExtraHeaderPrefix.Length..]).ToLowerInvariant()] = [.. values.Select(v => v ?? "")];
            }
        }

        if (userName.Length == 0)
        {
            if (groups.Count > 0 || extra.Count > 0 || uid.Length > 0)
            {
                throw new ApiException(StatusErrors.BadRequest("requested impersonation of groups, extra or uid without impersonating a user"));
            }

            return requester;
        }

        void Check(RequestAttributes attributes)
        {
            var decision = authorize(attributes);
            if (!decision.Allowed)
            {
                throw new ApiException(ForbiddenStatus.For(attributes, decision.Reason));
            }
        }

        var isServiceAccount = UserInfo.TryParseServiceAccount(userName, out var saNamespace, out var saName);
        Check(isServiceAccount
            ? Attributes(requester, "", "serviceaccounts", saName) with { Namespace = saNamespace }
            : Attributes(requester, "", "users", userName));
        foreach (var group in groups)
        {
            Check(Attributes(requester, "", "groups", group));
        }

        if (uid.Length > 0)
        {
            Check(Attributes(requester, "authentication.k8s.io", "uids", uid));
        }

        foreach (var (key, values) in extra)
        {
            foreach (var value in values)
            {
                Check(Attributes(requester, "authentication.k8s.io", "userextras", value) with { Subresource = key });
            }
        }

        if (isServiceAccount && groups.Count == 0)
        {
            groups.AddRange(UserInfo.ServiceAccountGroups(saNamespace));
        }

        if (userName == UserInfo.Anonymous)
        {
            if (!groups.Contains(UserInfo.AllUnauthenticated))
            {
                groups.Add(UserInfo.AllUnauthenticated);
            }
        }
        else if (!groups.Contains(UserInfo.AllAuthenticated) && !groups.Contains(UserInfo.AllUnauthenticated))
        {
            groups.Add(UserInfo.AllAuthenticated);
        }

        return new UserInfo(userName, uid, groups, extra);
    }

    private static RequestAttributes Attributes(UserInfo requester, string group, string resource, string name) => new()
    {
        User = requester,
        Verb = "impersonate",
        IsResourceRequest = true,
        ApiGroup = group,
        Resource = resource,
        Name = name,
    };
}
