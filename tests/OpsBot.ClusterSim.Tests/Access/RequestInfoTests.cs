using OpsBot.ClusterSim.Access;

namespace OpsBot.ClusterSim.Tests.Access;

public sealed class RequestInfoTests
{
    private static readonly UserInfo User = UserInfo.ForServiceAccount("opsbot", "opsbot", "uid-1");

    private static RequestAttributes Parse(string method, string path, string query = "")
    {
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "");
        return RequestInfo.Parse(User, method, path, name => values.TryGetValue(name, out var v) ? v : null);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/shop/pods", "", "list", "", "pods", "", "shop", "")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods", "watch=1", "watch", "", "pods", "", "shop", "")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods", "watch=false", "list", "", "pods", "", "shop", "")]
    [InlineData("GET", "/api/v1/pods", "", "list", "", "pods", "", "", "")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods/web-1/log", "", "get", "", "pods", "log", "shop", "web-1")]
    [InlineData("POST", "/api/v1/namespaces/shop/pods/web-1/eviction", "", "create", "", "pods", "eviction", "shop", "web-1")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/shop/deployments/web/scale", "", "patch", "apps", "deployments", "scale", "shop", "web")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/shop/replicasets", "", "deletecollection", "apps", "replicasets", "", "shop", "")]
    [InlineData("PUT", "/api/v1/nodes/node-1/status", "", "update", "", "nodes", "status", "", "node-1")]
    [InlineData("GET", "/api/v1/namespaces/shop", "", "get", "", "namespaces", "", "shop", "shop")]
    [InlineData("PUT", "/api/v1/namespaces/shop/finalize", "", "update", "", "namespaces", "finalize", "shop", "shop")]
    [InlineData("GET", "/api/v1/namespaces", "", "list", "", "namespaces", "", "", "")]
    [InlineData("GET", "/api/v1/namespaces/shop/pods", "fieldSelector=metadata.name%3Dweb-1", "list", "", "pods", "", "shop", "web-1")]
    [InlineData("GET", "/apis/apps/v1/watch/namespaces/shop/deployments", "", "watch", "apps", "deployments", "", "shop", "")]
    public void Parse_ResourceRequest_AsTheApiServerReadsIt(string method, string path, string query, string verb, string group, string resource, string subresource, string ns, string name)
    {
        var attributes = Parse(method, path, query);

        Assert.True(attributes.IsResourceRequest);
        Assert.Equal((verb, group, resource, subresource, ns, name), (attributes.Verb, attributes.ApiGroup, attributes.Resource, attributes.Subresource, attributes.Namespace, attributes.Name));
    }

    [Theory]
    [InlineData("GET", "/api", "get")]
    [InlineData("GET", "/api/v1", "get")]
    [InlineData("GET", "/apis/apps/v1", "get")]
    [InlineData("GET", "/version", "get")]
    [InlineData("POST", "/sim/faults", "post")]
    [InlineData("GET", "/openapi/v3/apis/apps/v1", "get")]
    public void Parse_DiscoveryAndOtherPaths_AreNonResourceRequests(string method, string path, string verb)
    {
        var attributes = Parse(method, path);

        Assert.False(attributes.IsResourceRequest);
        Assert.Equal((verb, path), (attributes.Verb, attributes.Path));
    }
}
