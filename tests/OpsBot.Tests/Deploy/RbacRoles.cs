using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.Tests.Deploy;

/// <summary>OpsBot's bound ClusterRoles as the simulator stores them, edited one grant at a time.</summary>
internal static class RbacRoles
{
    /// <summary>The one bound OpsBot ClusterRole that grants <paramref name="grant"/>.</summary>
    public static string Holding(ClusterSimulator sim, RbacGrant grant)
    {
        var roles = sim.Store.List(BuiltInResources.ClusterRoles.Resource).Items
            .Where(role => (string?)role["metadata"]!["labels"]?["opsbot.io/rbac-scope"] is "cluster" or "namespace")
            .Where(role => RbacGrant.Of(role).Contains(grant))
            .Select(role => (string)role["metadata"]!["name"]!);
        return Assert.Single(roles);
    }

    /// <summary>Takes <paramref name="grant"/> out of the role (other verbs and resources of its rule stay); returns the rules as they were.</summary>
    public static JsonArray Remove(ClusterSimulator sim, string role, RbacGrant grant)
    {
        JsonArray? before = null;
        sim.Store.Modify(BuiltInResources.ClusterRoles.Resource, null, role, obj =>
        {
            before = obj["rules"]!.AsArray().DeepClone().AsArray();
            var rules = new JsonArray();
            foreach (var rule in before.Select(r => r!.AsObject()))
            {
                foreach (var group in Strings(rule, "apiGroups"))
                {
                    foreach (var resource in Strings(rule, "resources"))
                    {
                        var verbs = Strings(rule, "verbs").Where(verb => new RbacGrant(group, resource, verb) != grant).ToList();
                        if (verbs.Count > 0)
                        {
                            rules.Add(new JsonObject
                            {
                                ["apiGroups"] = new JsonArray(group),
                                ["resources"] = new JsonArray(resource),
                                ["verbs"] = new JsonArray([.. verbs.Select(verb => (JsonNode)verb)]),
                            });
                        }
                    }
                }
            }

            obj["rules"] = rules;
        });
        Assert.DoesNotContain(grant, RbacGrant.Of(sim.Store.Get(BuiltInResources.ClusterRoles.Resource, null, role)));
        return before!;
    }

    public static void Restore(ClusterSimulator sim, string role, JsonArray rules) =>
        sim.Store.Modify(BuiltInResources.ClusterRoles.Resource, null, role, obj => obj["rules"] = rules.DeepClone());

    private static IEnumerable<string> Strings(JsonObject rule, string field) => rule[field]?.AsArray().Select(value => (string)value!) ?? [];
}
