using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Access;

namespace OpsBot.ClusterSim.Tests.Access;

public sealed class PolicyRuleTests
{
    private static readonly UserInfo User = UserInfo.ForServiceAccount("opsbot", "opsbot", "uid-1");

    private static PolicyRule Rule(string json) => PolicyRule.FromJson(JsonNode.Parse(json));

    private static RequestAttributes Request(string verb, string group, string resource, string subresource = "", string name = "", string ns = "shop") => new()
    {
        User = User,
        Verb = verb,
        IsResourceRequest = true,
        ApiGroup = group,
        Resource = resource,
        Subresource = subresource,
        Name = name,
        Namespace = ns,
    };

    [Fact]
    public void Allows_Resource_DoesNotGrantItsSubresources()
    {
        var rule = Rule("""{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}""");

        Assert.True(rule.Allows(Request("get", "", "pods", name: "web-1")));
        Assert.False(rule.Allows(Request("get", "", "pods", "log", "web-1")));
        Assert.False(rule.Allows(Request("watch", "", "pods")));
        Assert.False(rule.Allows(Request("get", "apps", "pods", name: "web-1")));
    }

    [Fact]
    public void Allows_StarSlashSubresource_GrantsThatSubresourceOfAnyResource()
    {
        var rule = Rule("""{"apiGroups":["apps"],"resources":["*/scale"],"verbs":["patch"]}""");

        Assert.True(rule.Allows(Request("patch", "apps", "deployments", "scale", "web")));
        Assert.True(rule.Allows(Request("patch", "apps", "statefulsets", "scale", "db")));
        Assert.False(rule.Allows(Request("patch", "apps", "deployments", "status", "web")));
        Assert.False(rule.Allows(Request("patch", "apps", "deployments", name: "web")));
    }

    [Fact]
    public void Allows_Stars_GrantEverything()
    {
        var rule = Rule("""{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}""");

        Assert.True(rule.Allows(Request("deletecollection", "apps", "deployments")));
        Assert.True(rule.Allows(Request("get", "", "pods", "log", "web-1")));
    }

    [Fact]
    public void Allows_ResourceNames_OnlyThoseNamesAndNeverAList()
    {
        var rule = Rule("""{"apiGroups":[""],"resources":["configmaps"],"resourceNames":["opsbot"],"verbs":["get","list","create"]}""");

        Assert.True(rule.Allows(Request("get", "", "configmaps", name: "opsbot")));
        Assert.False(rule.Allows(Request("get", "", "configmaps", name: "other")));
        Assert.False(rule.Allows(Request("list", "", "configmaps")));
        Assert.False(rule.Allows(Request("create", "", "configmaps")));
    }

    [Fact]
    public void Allows_NonResourceUrls_ExactOrStarPrefix()
    {
        var rule = Rule("""{"nonResourceURLs":["/healthz","/apis/*"],"verbs":["get"]}""");
        RequestAttributes Path(string path, string verb = "get") => new() { User = User, Verb = verb, Path = path };

        Assert.True(rule.Allows(Path("/healthz")));
        Assert.True(rule.Allows(Path("/apis/apps/v1")));
        Assert.False(rule.Allows(Path("/apis")));
        Assert.False(rule.Allows(Path("/healthz/etcd")));
        Assert.False(rule.Allows(Path("/healthz", "post")));
        Assert.False(rule.Allows(Request("get", "", "pods")));
    }
}
