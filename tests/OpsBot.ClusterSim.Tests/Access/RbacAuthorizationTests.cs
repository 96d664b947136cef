using System.Net;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Access;

/// <summary>ServiceAccount tokens against RBAC over HTTP: what is allowed, and the exact 403 Status otherwise.</summary>
public sealed class RbacAuthorizationTests
{
    private const string User = AccessCluster.ServiceAccountUser;

    private const string ReadPodsInShop = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: read-pods, namespace: shop}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get, list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: opsbot-read-pods, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-pods}
        subjects:
        - {kind: ServiceAccount, name: opsbot, namespace: opsbot}
        """;

    [Fact]
    public async Task List_WithoutAnyBinding_IsForbiddenWithTheApiServersStatus()
    {
        await using var c = await AccessCluster.StartAsync();
        var sa = c.ClientWith(c.TokenFor());

        var (status, body) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(
            $"{{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{{}},\"status\":\"Failure\",\"message\":\"pods is forbidden: User \\u0022{User}\\u0022 cannot list resource \\u0022pods\\u0022 in API group \\u0022\\u0022 in the namespace \\u0022shop\\u0022\",\"reason\":\"Forbidden\",\"details\":{{\"kind\":\"pods\"}},\"code\":403}}",
            body!.ToJsonString());
    }

    [Fact]
    public async Task Requests_ClusterScopeNamedSubresourceAndWatch_WordedAsTheApiServerDoes()
    {
        await using var c = await AccessCluster.StartAsync();
        var sa = c.ClientWith(c.TokenFor());

        var (_, nodes) = await sa.GetJsonAsync("api/v1/nodes");
        var (_, log) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods/web-1/log");
        var (_, scale) = await sa.SendAsync(HttpMethod.Patch, "apis/apps/v1/namespaces/shop/deployments/web/scale", """{"spec":{"replicas":2}}""", "application/merge-patch+json");
        var (_, watch) = await sa.GetJsonAsync("apis/apps/v1/deployments?watch=1");
        var (_, ns) = await sa.GetJsonAsync("api/v1/namespaces/shop");

        Assert.Equal($"nodes is forbidden: User \"{User}\" cannot list resource \"nodes\" in API group \"\" at the cluster scope", nodes.Str("message"));
        Assert.Equal($"pods \"web-1\" is forbidden: User \"{User}\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"shop\"", log.Str("message"));
        Assert.Equal(("web-1", "pods"), (log.Str("details.name"), log.Str("details.kind")));
        Assert.Equal($"deployments.apps \"web\" is forbidden: User \"{User}\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"shop\"", scale.Str("message"));
        Assert.Equal("apps", scale.Str("details.group"));
        Assert.Equal($"deployments.apps is forbidden: User \"{User}\" cannot watch resource \"deployments\" in API group \"apps\" at the cluster scope", watch.Str("message"));
        Assert.Equal($"namespaces \"shop\" is forbidden: User \"{User}\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"shop\"", ns.Str("message"));
    }

    [Fact]
    public async Task Discovery_AnyServiceAccount_IsAllowedByTheDefaultRoles()
    {
        await using var c = await AccessCluster.StartAsync();
        var sa = c.ClientWith(c.TokenFor());

        foreach (var path in new[] { "api", "apis", "api/v1", "apis/apps/v1", "version", "healthz", "openapi/v3" })
        {
            using var response = await sa.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (status, body) = await sa.GetJsonAsync("sim/clock");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"forbidden: User \"{User}\" cannot get path \"/sim/clock\"", body.Str("message"));
    }

    [Fact]
    public async Task RoleBinding_GrantsItsVerbsInItsNamespaceOnly()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(ReadPodsInShop);
        var sa = c.ClientWith(c.TokenFor());

        var (list, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");
        var (get, pod) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods/web-1");
        var (watch, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods?watch=1&timeoutSeconds=1");
        var (elsewhere, _) = await sa.GetJsonAsync("api/v1/namespaces/opsbot/pods");
        var (everywhere, _) = await sa.GetJsonAsync("api/v1/pods");
        var (delete, _) = await sa.SendAsync(HttpMethod.Delete, "api/v1/namespaces/shop/pods/web-1");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (list, get));
        Assert.Equal("web-1", pod.Str("metadata.name"));
        Assert.Equal(HttpStatusCode.Forbidden, watch);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (elsewhere, everywhere, delete));
    }

    [Fact]
    public async Task ClusterRoleBinding_GrantsEveryNamespaceAndClusterScope()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules:
            - apiGroups: ["", apps]
              resources: [pods, nodes, deployments]
              verbs: [list]
            - apiGroups: [apps]
              resources: ["*/scale"]
              verbs: [get, patch]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects:
            - {kind: Group, name: "system:serviceaccounts:opsbot", apiGroup: rbac.authorization.k8s.io}
            """);
        var sa = c.ClientWith(c.TokenFor());

        var (pods, _) = await sa.GetJsonAsync("api/v1/pods");
        var (nodes, _) = await sa.GetJsonAsync("api/v1/nodes");
        var (deployments, _) = await sa.GetJsonAsync("apis/apps/v1/namespaces/shop/deployments");
        var (scale, body) = await sa.SendAsync(HttpMethod.Patch, "apis/apps/v1/namespaces/shop/deployments/web/scale", """{"spec":{"replicas":3}}""", "application/merge-patch+json");
        var (deployment, _) = await sa.SendAsync(HttpMethod.Patch, "apis/apps/v1/namespaces/shop/deployments/web", """{"spec":{"replicas":4}}""", "application/merge-patch+json");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (pods, nodes, deployments));
        Assert.Equal((HttpStatusCode.OK, "3"), (scale, body.Str("spec.replicas")));
        Assert.Equal(HttpStatusCode.Forbidden, deployment);
    }

    [Fact]
    public async Task ClusterRole_BoundByARoleBinding_GrantsOnlyThatNamespace()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: pod-reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: pod-reader, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
            subjects: [{kind: ServiceAccount, name: opsbot, namespace: opsbot}]
            """);
        var sa = c.ClientWith(c.TokenFor());

        var (shop, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");
        var (all, _) = await sa.GetJsonAsync("api/v1/pods");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (shop, all));
    }

    [Fact]
    public async Task ResourceNames_GrantGetOfThoseOnly()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: opsbot-config, namespace: opsbot}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: other, namespace: opsbot}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: own-config, namespace: opsbot}
            rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [opsbot-config], verbs: [get, list, watch, update]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: own-config, namespace: opsbot}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: own-config}
            subjects: [{kind: ServiceAccount, name: opsbot}]
            """);
        var sa = c.ClientWith(c.TokenFor());

        var (own, _) = await sa.GetJsonAsync("api/v1/namespaces/opsbot/configmaps/opsbot-config");
        var (byField, list) = await sa.GetJsonAsync("api/v1/namespaces/opsbot/configmaps?fieldSelector=metadata.name%3Dopsbot-config");
        var (other, _) = await sa.GetJsonAsync("api/v1/namespaces/opsbot/configmaps/other");
        var (all, _) = await sa.GetJsonAsync("api/v1/namespaces/opsbot/configmaps");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (own, byField));
        Assert.Equal("opsbot-config", list.Str("items.0.metadata.name"));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (other, all));
    }

    [Fact]
    public async Task Binding_ToAMissingRole_GrantsNothingAndSaysWhy()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: dangling, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: opsbot-read}
            subjects: [{kind: ServiceAccount, name: opsbot, namespace: opsbot}]
            """);
        var sa = c.ClientWith(c.TokenFor());

        var (status, body) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(
            $"pods is forbidden: User \"{User}\" cannot list resource \"pods\" in API group \"\" in the namespace \"shop\": RBAC: clusterrole.rbac.authorization.k8s.io \"opsbot-read\" not found",
            body.Str("message"));
    }

    [Fact]
    public async Task Rbac_ChangesApplyToTheNextRequest()
    {
        await using var c = await AccessCluster.StartAsync();
        var sa = c.ClientWith(c.TokenFor());
        var (before, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");

        c.Apply(ReadPodsInShop);
        var (granted, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");
        await c.Admin.DeleteAsync("apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings/opsbot-read-pods");
        var (revoked, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden), (before, granted, revoked));
    }

    [Fact]
    public async Task AdminToken_IsNeverSubjectToRbac()
    {
        await using var c = await AccessCluster.StartAsync();
        await c.Admin.DeleteAsync("apis/rbac.authorization.k8s.io/v1/clusterrolebindings/cluster-admin");

        var (status, _) = await c.Admin.GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Token_Invalid_IsUnauthorized()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(ReadPodsInShop);
        var token = c.TokenFor();
        var foreignAudience = c.Sim.Access.Tokens.Issue("opsbot", "opsbot", audiences: ["vault"]).Token;
        var tampered = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var (wrongAudience, body) = await c.ClientWith(foreignAudience).GetJsonAsync("api/v1/namespaces/shop/pods");
        var (wrongSignature, _) = await c.ClientWith(tampered).GetJsonAsync("api/v1/namespaces/shop/pods");
        c.Sim.Clock.Advance(TimeSpan.FromMinutes(61));
        var (expired, _) = await c.ClientWith(token).GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (wrongAudience, wrongSignature, expired));
        Assert.Equal(("Unauthorized", "Unauthorized"), (body.Str("reason"), body.Str("message")));
    }

    [Fact]
    public async Task Token_ServiceAccountDeletedOrRecreated_IsUnauthorized()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(ReadPodsInShop);
        var token = c.TokenFor();
        var sa = c.ClientWith(token);
        var (before, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");

        await c.Admin.DeleteAsync("api/v1/namespaces/opsbot/serviceaccounts/opsbot");
        var (deleted, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");
        c.Apply("{apiVersion: v1, kind: ServiceAccount, metadata: {name: opsbot, namespace: opsbot}}");
        var (recreated, _) = await sa.GetJsonAsync("api/v1/namespaces/shop/pods");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (before, deleted, recreated));
    }

    [Fact]
    public async Task Impersonation_WithoutThePermission_IsForbidden()
    {
        await using var c = await AccessCluster.StartAsync();
        var sa = c.ClientWith(c.TokenFor());
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces/shop/pods");
        request.Headers.Add("Impersonate-User", "system:serviceaccount:kube-system:admin");

        using var response = await sa.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(
            $"serviceaccounts \"admin\" is forbidden: User \"{User}\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"kube-system\"",
            body.Str("message"));
    }
}
