using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Access;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings every cluster has (the API server's bootstrap policy), as far
/// as the simulator's RBAC needs them: <c>cluster-admin</c> bound to <c>system:masters</c>; <c>system:discovery</c>
/// (discovery, OpenAPI, health, version) and <c>system:basic-user</c> (self-reviews) bound to
/// <c>system:authenticated</c>; <c>system:public-info-viewer</c> (health, version) bound to everyone. The
/// aggregated <c>admin</c>/<c>edit</c>/<c>view</c> roles are not created.
/// </summary>
// https://github.com/kubernetes/kubernetes/blob/master/plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
public static class BootstrapPolicy
{
    private const string RbacApiVersion = "rbac.authorization.k8s.io/v1";

    public static IReadOnlyList<JsonObject> Objects() =>
    [
        ClusterRole("cluster-admin", Rule(["*"], apiGroups: ["*"], resources: ["*"]), Rule(["*"], nonResourceUrls: ["*"])),
        ClusterRole(
            "system:discovery",
            Rule(["get"], nonResourceUrls: ["/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"])),
        ClusterRole("system:public-info-viewer", Rule(["get"], nonResourceUrls: ["/livez", "/readyz", "/healthz", "/version", "/version/"])),
        ClusterRole(
            "system:basic-user",
            Rule(["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"])),
        Binding("cluster-admin", UserInfo.SystemMasters),
        Binding("system:discovery", UserInfo.AllAuthenticated),
        Binding("system:public-info-viewer", UserInfo.AllAuthenticated, UserInfo.AllUnauthenticated),
        Binding("system:basic-user", UserInfo.AllAuthenticated),
    ];

    private static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };

    private static JsonObject ClusterRole(string name, params JsonObject[] rules) => new()
    {
        ["apiVersion"] = RbacApiVersion,
        ["kind"] = "ClusterRole",
        ["metadata"] = Metadata(name),
        ["rules"] = new JsonArray([.. rules]),
    };

    private static JsonObject Binding(string role, params string[] groups) => new()
    {
        ["apiVersion"] = RbacApiVersion,
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = Metadata(role),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g })]),
    };

    private static JsonObject Rule(string[] verbs, string[]? apiGroups = null, string[]? resources = null, string[]? nonResourceUrls = null)
    {
        var rule = new JsonObject();
        if (apiGroups is not null)
        {
            rule["apiGroups"] = Strings(apiGroups);
        }

        if (resources is not null)
        {
            rule["resources"] = Strings(resources);
        }

        if (nonResourceUrls is not null)
        {
            rule["nonResourceURLs"] = Strings(nonResourceUrls);
        }

        rule["verbs"] = Strings(verbs);
        return rule;
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)v)];
}
