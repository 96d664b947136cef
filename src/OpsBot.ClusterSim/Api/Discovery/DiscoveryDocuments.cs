using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Discovery;

/// <summary>
/// The legacy discovery documents kubectl reads: <c>/api</c> (APIVersions), <c>/apis</c> (APIGroupList),
/// <c>/api/v1</c> and <c>/apis/{group}/{version}</c> (APIResourceList), and <c>/version</c>.
/// </summary>
public static class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-opsbot-sim",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.3",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry)
    {
        var groups = new JsonArray();
        foreach (var group in GroupsOf(registry))
        {
            groups.Add(Group(registry, group));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>The APIGroup document of <c>/apis/{group}</c>, or null when the group is not served.</summary>
    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        var versions = registry.GroupVersions.Where(gv => gv.Contains('/', StringComparison.Ordinal) && gv[..gv.IndexOf('/', StringComparison.Ordinal)] == group).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        var versionArray = new JsonArray();
        foreach (var gv in versions)
        {
            versionArray.Add(new JsonObject { ["groupVersion"] = gv, ["version"] = gv[(gv.IndexOf('/', StringComparison.Ordinal) + 1)..] });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = versionArray,
            ["preferredVersion"] = versionArray[0]!.DeepClone(),
        };
    }

    public static JsonObject ResourceList(ResourceRegistry registry, string groupVersion)
    {
        var resources = new JsonArray();
        foreach (var d in registry.InGroupVersion(groupVersion))
        {
            var main = new JsonObject
            {
                ["name"] = d.Plural,
                ["singularName"] = d.Singular,
                ["namespaced"] = d.Namespaced,
                ["kind"] = d.Kind,
                ["verbs"] = Strings(d.Verbs),
            };
            if (d.ShortNames.Count > 0)
            {
                main["shortNames"] = Strings(d.ShortNames);
            }

            if (d.Categories.Count > 0)
            {
                main["categories"] = Strings(d.Categories);
            }

            resources.Add(main);
            foreach (var sub in d.Subresources)
            {
                var entry = new JsonObject
                {
                    ["name"] = $"{d.Plural}/{sub}",
                    ["singularName"] = "",
                    ["namespaced"] = d.Namespaced,
                    ["kind"] = d.Kind,
                    ["verbs"] = Strings(sub switch { "log" => ["get"], "eviction" or "token" => ["create"], _ => ["get", "patch", "update"] }),
                };
                if (sub == "scale")
                {
                    entry["group"] = "autoscaling";
                    entry["version"] = "v1";
                    entry["kind"] = "Scale";
                }
                else if (sub == "eviction")
                {
                    // kubectl drain finds the Eviction's group/version here (CheckEvictionSupport).
                    entry["group"] = "policy";
                    entry["version"] = "v1";
                    entry["kind"] = "Eviction";
                }
                else if (sub == "token")
                {
                    entry["group"] = "authentication.k8s.io";
                    entry["version"] = "v1";
                    entry["kind"] = "TokenRequest";
                }

                resources.Add(entry);
            }
        }

        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = resources };
    }

    private static IEnumerable<string> GroupsOf(ResourceRegistry registry) =>
        registry.GroupVersions.Where(gv => gv.Contains('/', StringComparison.Ordinal)).Select(gv => gv[..gv.IndexOf('/', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal);

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)v)];
}
