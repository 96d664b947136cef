using OpsBot.ClusterSim.Tests.Support;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Access;

/// <summary>The real kubectl with ServiceAccount tokens: create token, Forbidden errors, auth can-i (also --as), auth whoami.</summary>
public sealed class KubectlAccessTests
{
    private const string User = AccessCluster.ServiceAccountUser;

    private const string Reader = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: opsbot-read}
        rules:
        - apiGroups: [""]
          resources: [pods, pods/log]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: opsbot-read, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: opsbot-read}
        subjects:
        - {kind: ServiceAccount, name: opsbot, namespace: opsbot}
        """;

    [Fact]
    public async Task CreateToken_Token_AuthenticatesAsTheServiceAccount()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(Reader);

        var token = await CreateTokenAsync(c, "opsbot", "20m");
        var kubectl = c.KubectlWith(token);
        var pods = (await kubectl.RunAsync("get", "pods", "-n", "shop", "-o", "name")).EnsureSuccess();
        var forbidden = await kubectl.RunAsync("get", "deploy", "-n", "shop");

        Assert.Equal(3, token.Split('.').Length);
        Assert.Equal("pod/web-1", pods.StdOut.Trim());
        Assert.Equal(1, forbidden.ExitCode);
        Assert.Equal(
            $"Error from server (Forbidden): deployments.apps is forbidden: User \"{User}\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"shop\"",
            forbidden.StdErr.Trim());
        if (KubectlRunner.ClientMinorVersion >= 28)
        {
            // auth whoami (SelfSubjectReview, authentication.k8s.io/v1) is GA in kubectl 1.28.
            var whoami = (await kubectl.RunAsync("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}")).EnsureSuccess();
            Assert.Equal($"{User} [\"system:serviceaccounts\",\"system:serviceaccounts:opsbot\",\"system:authenticated\"]", whoami.StdOut);
        }
    }

    [Fact]
    public async Task CreateToken_TooShortOrUnknownAccount_IsRefused()
    {
        await using var c = await AccessCluster.StartAsync();

        if (KubectlRunner.ClientMinorVersion < 24)
        {
            // kubectl create token arrived in 1.24; older clients reach the same TokenRequest through the API.
            var (_, shortLived) = await c.Admin.SendAsync(HttpMethod.Post, "api/v1/namespaces/opsbot/serviceaccounts/opsbot/token", """{"spec":{"expirationSeconds":300}}""");
            var (_, unknown) = await c.Admin.SendAsync(HttpMethod.Post, "api/v1/namespaces/opsbot/serviceaccounts/nobody/token", """{"spec":{}}""");
            Assert.Equal("TokenRequest.authentication.k8s.io \"opsbot\" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes", shortLived.Str("message"));
            Assert.Equal("serviceaccounts \"nobody\" not found", unknown.Str("message"));
            return;
        }

        var tooShort = await c.Cluster.KubectlAsync("create", "token", "opsbot", "-n", "opsbot", "--duration", "5m");
        var missing = await c.Cluster.KubectlAsync("create", "token", "nobody", "-n", "opsbot");

        Assert.Contains("spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes", tooShort.StdErr, StringComparison.Ordinal);
        Assert.Equal("error: failed to create token: serviceaccounts \"nobody\" not found", missing.StdErr.Trim());
    }

    [Fact]
    public async Task AuthCanI_AsTheServiceAccount_AnswersFromRbac()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(Reader);
        string[] asSa = ["--as", User];

        var listPods = await c.Cluster.KubectlAsync(["auth", "can-i", "list", "pods", "-n", "shop", .. asSa]);
        var logs = await c.Cluster.KubectlAsync(["auth", "can-i", "get", "pods", "--subresource", "log", "-n", "shop", .. asSa]);
        var elsewhere = await c.Cluster.KubectlAsync(["auth", "can-i", "list", "pods", "-n", "opsbot", .. asSa]);
        var delete = await c.Cluster.KubectlAsync(["auth", "can-i", "delete", "pods", "-n", "shop", .. asSa]);
        var discovery = await c.Cluster.KubectlAsync(["auth", "can-i", "get", "/apis", .. asSa]);
        var admin = await c.Cluster.KubectlAsync("auth", "can-i", "delete", "nodes");

        Assert.Equal((0, "yes"), (listPods.ExitCode, listPods.StdOut.Trim()));
        Assert.Equal((0, "yes"), (logs.ExitCode, logs.StdOut.Trim()));
        Assert.Equal((1, "no"), (elsewhere.ExitCode, elsewhere.StdOut.Trim()));
        Assert.Equal((1, "no"), (delete.ExitCode, delete.StdOut.Trim()));
        Assert.Equal((0, "yes"), (discovery.ExitCode, discovery.StdOut.Trim()));
        Assert.Equal((0, "yes"), (admin.ExitCode, admin.StdOut.Trim()));
    }

    [Fact]
    public async Task AuthCanIList_WithTheToken_ListsTheRulesThatApply()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(Reader);
        var kubectl = c.KubectlWith(c.TokenFor());

        var rules = (await kubectl.RunAsync("auth", "can-i", "--list", "-n", "shop")).EnsureSuccess();

        var lines = rules.Lines.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal("Resources Non-Resource URLs Resource Names Verbs", lines[0]);
        Assert.Contains("pods/log [] [] [get list watch]", lines);
        Assert.Contains("pods [] [] [get list watch]", lines);
        Assert.Contains("selfsubjectaccessreviews.authorization.k8s.io [] [] [create]", lines);
        Assert.Contains("[/api/*] [] [get]", lines);
    }

    [Fact]
    public async Task GetWithAs_ImpersonatedServiceAccount_IsForbiddenWhereItHasNoRole()
    {
        await using var c = await AccessCluster.StartAsync();
        c.Apply(Reader);

        var allowed = await c.Cluster.KubectlAsync("get", "pods", "-n", "shop", "--as", User, "-o", "name");
        var forbidden = await c.Cluster.KubectlAsync("logs", "web-1", "-n", "opsbot", "--as", User);

        Assert.Equal("pod/web-1", allowed.EnsureSuccess().StdOut.Trim());
        Assert.Equal(
            $"Error from server (Forbidden): pods \"web-1\" is forbidden: User \"{User}\" cannot get resource \"pods\" in API group \"\" in the namespace \"opsbot\"",
            forbidden.StdErr.Trim());
    }

    /// <summary><c>kubectl create token</c> (1.24+), or the same TokenRequest over HTTP for older clients.</summary>
    private static async Task<string> CreateTokenAsync(AccessCluster c, string name, string duration)
    {
        if (KubectlRunner.ClientMinorVersion >= 24)
        {
            return (await c.Cluster.KubectlAsync("create", "token", name, "-n", "opsbot", "--duration", duration)).EnsureSuccess().StdOut.Trim();
        }

        var seconds = (long)OpsBot.ClusterSim.Controllers.Kubelet.DurationText.Parse(duration).TotalSeconds;
        var (_, response) = await c.Admin.SendAsync(HttpMethod.Post, $"api/v1/namespaces/opsbot/serviceaccounts/{name}/token", $"{{\"spec\":{{\"expirationSeconds\":{seconds}}}}}");
        return response.Str("status.token");
    }
}
