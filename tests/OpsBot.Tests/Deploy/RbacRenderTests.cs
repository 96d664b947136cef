using System.Text.Json.Nodes;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// OpsBot's RBAC as both overlays render it: no wildcard anywhere, one resource per rule, every verb on a resource
/// granted once (at the narrowest scope a caller needs: docs/DEPLOY.md#rbac), bindings that name rendered roles and
/// OpsBot's ServiceAccount, and no role rendered that nothing binds (a rule lands with the code that calls it).
/// </summary>
public sealed class RbacRenderTests
{
    private static readonly string[] ClusterBound = ["opsbot-cluster-read", "opsbot-cluster-act"];
    private static readonly string[] NamespaceBound = ["opsbot-read", "opsbot-read-secrets", "opsbot-act"];

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_GrantsNoWildcardAnywhere(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);

        Assert.Empty(rendered.OfKind("Role"));
        foreach (var role in rendered.OfKind("ClusterRole"))
        {
            Assert.Null(role["aggregationRule"]);
            foreach (var rule in role["rules"]!.AsArray())
            {
                foreach (var field in new[] { "apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs" })
                {
                    Assert.All(rule![field]?.AsArray() ?? [], value => Assert.DoesNotContain("*", (string)value!, StringComparison.Ordinal));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_KeepsOneResourceInOneGroupPerRule(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);

        foreach (var role in rendered.OfKind("ClusterRole"))
        {
            foreach (var rule in role["rules"]!.AsArray())
            {
                Assert.Single(rule!["apiGroups"]!.AsArray());
                Assert.Single(rule["resources"]!.AsArray());
                Assert.NotEmpty(rule["verbs"]!.AsArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_GrantsEachVerbOnAResourceOnceAcrossTheBoundRoles(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var bound = ClusterBound.Concat(NamespaceBound)
            .SelectMany(name => RbacGrant.Of(rendered.Single("ClusterRole", name)).Select(grant => (Role: name, Grant: grant)))
            .ToList();

        var twice = bound.GroupBy(g => g.Grant).Where(g => g.Count() > 1).Select(g => $"{g.Key} in {string.Join(", ", g.Select(x => x.Role))}").ToList();
        Assert.True(twice.Count == 0, "granted more than once: " + string.Join("; ", twice));
        Assert.Equal(ClusterBound.Concat(NamespaceBound).Order(StringComparer.Ordinal), rendered.OfKind("ClusterRole").Select(RenderedManifests.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RenderedManifests.Overlays), MemberType = typeof(RenderedManifests))]
    public async Task Render_EachOverlay_BindsClusterRolesClusterWideAndNamespaceRolesPerNamespace(string overlay)
    {
        var rendered = await RenderedManifests.OverlayAsync(overlay);
        var roles = rendered.OfKind("ClusterRole").ToDictionary(RenderedManifests.Name, StringComparer.Ordinal);
        var clusterBindings = rendered.OfKind("ClusterRoleBinding").ToList();
        var namespaceBindings = rendered.OfKind("RoleBinding").ToList();

        Assert.Equal(ClusterBound.Order(StringComparer.Ordinal), clusterBindings.Select(b => (string?)b["roleRef"]!["name"]).Order(StringComparer.Ordinal));
        Assert.All(namespaceBindings, b => Assert.Contains((string)b["roleRef"]!["name"]!, NamespaceBound));
        foreach (var binding in clusterBindings.Concat(namespaceBindings))
        {
            var roleRef = binding["roleRef"]!;
            Assert.Equal("ClusterRole", (string?)roleRef["kind"]);
            Assert.Equal("rbac.authorization.k8s.io", (string?)roleRef["apiGroup"]);
            Assert.True(roles.ContainsKey((string)roleRef["name"]!), $"{RenderedManifests.Describe(binding)} binds a role that is not rendered");
            var subject = Assert.Single(binding["subjects"]!.AsArray())!;
            Assert.Equal(("ServiceAccount", "opsbot", "opsbot"), ((string?)subject["kind"], (string?)subject["name"], (string?)subject["namespace"]));
        }

        foreach (var (name, scope) in ClusterBound.Select(n => (n, "cluster")).Concat(NamespaceBound.Select(n => (n, "namespace"))))
        {
            Assert.Equal(scope, (string?)roles[name]["metadata"]!["labels"]!["opsbot.io/rbac-scope"]);
        }
    }

    [Fact]
    public async Task Render_ClusterRoles_GrantWhatOpsBotCallsAndNothingElse()
    {
        var rendered = await RenderedManifests.OverlayAsync("single");

        // The table in docs/DEPLOY.md#rbac, with the callers of each line; a change here changes that table.
        Assert.Equal(
            [
                "get /nodes", "list /nodes", "list /namespaces", "list /pods", "list /events", "get apps/replicasets",
                "list autoscaling/horizontalpodautoscalers", "list metrics.k8s.io/nodes", "list storage.k8s.io/storageclasses",
            ],
            Grants(rendered, "opsbot-cluster-read"));
        Assert.Equal(["patch /nodes", "create /pods/eviction"], Grants(rendered, "opsbot-cluster-act"));
        Assert.Equal(
            [
                "get /pods", "get /pods/log", "list /services", "list /endpoints", "list /configmaps", "list policy/poddisruptionbudgets",
                "get /persistentvolumeclaims", "list /persistentvolumeclaims",
                "get /namespaces", "get apps/deployments", "list apps/deployments", "list apps/replicasets",
                "get apps/statefulsets", "list apps/statefulsets", "get apps/daemonsets", "list apps/daemonsets",
                "get batch/jobs", "list batch/jobs", "get batch/cronjobs", "list batch/cronjobs",
                "get autoscaling/horizontalpodautoscalers", "list networking.k8s.io/ingresses", "list metrics.k8s.io/pods",
                "list cert-manager.io/certificates",
            ],
            Grants(rendered, "opsbot-read"));
        Assert.Equal(["list /secrets"], Grants(rendered, "opsbot-read-secrets"));
        Assert.Equal(["patch apps/deployments", "patch autoscaling/horizontalpodautoscalers", "update cert-manager.io/certificates/status"], Grants(rendered, "opsbot-act"));
    }

    [Fact]
    public async Task Render_AllNamespacesAccess_BindsTheNamespaceRolesClusterWide()
    {
        var rendered = await RenderedManifests.RenderAsync(Path.Combine(RenderedManifests.Root, "access", "all-namespaces"));

        Assert.All(rendered.Objects, o => Assert.Equal("ClusterRoleBinding", (string?)o["kind"]));
        Assert.Equal(NamespaceBound.Order(StringComparer.Ordinal), rendered.Objects.Select(b => (string?)b["roleRef"]!["name"]).Order(StringComparer.Ordinal));
        Assert.All(rendered.Objects, b => Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"kind": "ServiceAccount", "name": "opsbot", "namespace": "opsbot"}]"""), b["subjects"])));
    }

    private static List<string> Grants(RenderedManifests rendered, string role) =>
        [.. RbacGrant.Of(rendered.Single("ClusterRole", role)).Select(g => $"{g.Verb} {g.ApiGroup}/{g.Resource}")];
}
