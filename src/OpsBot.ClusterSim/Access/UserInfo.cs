namespace OpsBot.ClusterSim.Access;

/// <summary>
/// Who a request comes from, as Kubernetes' authenticators report it: a user name, a uid, groups and extra
/// attributes. ServiceAccounts are <c>system:serviceaccount:NS:NAME</c> in <c>system:serviceaccounts</c>,
/// <c>system:serviceaccounts:NS</c> and <c>system:authenticated</c>.
/// </summary>
// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#users-in-kubernetes
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public const string ServiceAccountPrefix = "system:serviceaccount:";
    public const string SystemMasters = "system:masters";
    public const string AllAuthenticated = "system:authenticated";
    public const string AllUnauthenticated = "system:unauthenticated";
    public const string AllServiceAccounts = "system:serviceaccounts";
    public const string Anonymous = "system:anonymous";

    /// <summary>The simulator's admin: the kubeconfig's token, in <c>system:masters</c> (RBAC is never consulted for it).</summary>
    public static UserInfo Admin { get; } = new("kubernetes-admin", "", [SystemMasters, AllAuthenticated], new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>The identity of a ServiceAccount token.</summary>
    public static UserInfo ForServiceAccount(string ns, string name, string uid, IReadOnlyDictionary<string, IReadOnlyList<string>>? extra = null) =>
        new(ServiceAccountUserName(ns, name), uid, ServiceAccountGroups(ns).Append(AllAuthenticated).ToList(), extra ?? new Dictionary<string, IReadOnlyList<string>>());

    public static string ServiceAccountUserName(string ns, string name) => $"{ServiceAccountPrefix}{ns}:{name}";

    /// <summary>The groups every ServiceAccount of a namespace is in (without <c>system:authenticated</c>).</summary>
    public static IReadOnlyList<string> ServiceAccountGroups(string ns) => [AllServiceAccounts, $"{AllServiceAccounts}:{ns}"];

    /// <summary>Splits <c>system:serviceaccount:NS:NAME</c>; false for any other user name.</summary>
    public static bool TryParseServiceAccount(string userName, out string ns, out string name)
    {
        ns = name = "";
        if (!userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = userName[ServiceAccountPrefix.Length..].Split(':');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        (ns, name) = (parts[0], parts[1]);
        return true;
    }

    public bool IsServiceAccount => TryParseServiceAccount(Name, out _, out _);

    public bool InGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);
}
