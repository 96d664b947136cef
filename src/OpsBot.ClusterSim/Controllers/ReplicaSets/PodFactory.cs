using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.ReplicaSets;

/// <summary>A pod from a workload's template, as the API server would store it (with its defaults).</summary>
internal static class PodFactory
{
    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static JsonObject FromTemplate(SimulationContext context, JsonObject rs) =>
        FromTemplate(context, rs, "apps/v1", "ReplicaSet", rs["spec"]?["template"]);

    /// <summary>
    /// A pod of <paramref name="owner"/> (controller reference <paramref name="apiVersion"/>/<paramref name="kind"/>) from
    /// <paramref name="template"/>: named <paramref name="name"/>, or <c>&lt;owner&gt;-&lt;5 random&gt;</c> when null.
    /// </summary>
    public static JsonObject FromTemplate(SimulationContext context, JsonObject owner, string apiVersion, string kind, JsonNode? template, string? name = null)
    {
        var ns = ObjectMeta.Namespace(owner);
        var metadata = new JsonObject
        {
            ["name"] = name ?? UniqueName(context, ns, ObjectMeta.Name(owner) + "-"),
        };
        if (name is null)
        {
            metadata["generateName"] = ObjectMeta.Name(owner) + "-";
        }

        metadata["namespace"] = ns;
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (template?["metadata"]?[field] is JsonObject values)
            {
                metadata[field] = values.DeepClone();
            }
        }

        metadata["ownerReferences"] = Owners.ControllerRef(owner, apiVersion, kind);
        var spec = template?["spec"]?.DeepClone() as JsonObject ?? [];
        ApplyDefaults(spec);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(spec) },
        };
    }

    /// <summary><paramref name="prefix"/> and five random characters of Kubernetes' alphabet, not yet used by a pod.</summary>
    public static string UniqueName(SimulationContext context, string ns, string prefix)
    {
        while (true)
        {
            var suffix = new char[5];
            for (var i = 0; i < suffix.Length; i++)
            {
                suffix[i] = NameSuffixAlphabet[context.Random.Next(NameSuffixAlphabet.Length)];
            }

            var name = prefix + new string(suffix);
            if (context.Store.TryGet(SimResources.Pods, ns, name) is null)
            {
                return name;
            }
        }
    }

    // The API server's defaults, and the DefaultTolerationSeconds admission plugin's two tolerations
    // (what makes pods leave a lost node after 300 s).
    private static void ApplyDefaults(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        var tolerations = JsonFields.Array(spec, "tolerations");
        foreach (var key in new[] { Taints.NotReady, Taints.Unreachable })
        {
            if (!tolerations.OfType<JsonObject>().Any(t => JsonFields.Str(t, "key") == key && JsonFields.Str(t, "effect") is null or "NoExecute"))
            {
                tolerations.Add(new JsonObject
                {
                    ["key"] = key,
                    ["operator"] = "Exists",
                    ["effect"] = "NoExecute",
                    ["tolerationSeconds"] = 300,
                });
            }
        }
    }

    private static string QosClass(JsonObject spec)
    {
        var containers = (spec["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        bool Has(JsonObject c, string kind) => c["resources"]?[kind] is JsonObject { Count: > 0 };
        if (containers.All(c => !Has(c, "requests") && !Has(c, "limits")))
        {
            return "BestEffort";
        }

        var guaranteed = containers.All(c =>
            c["resources"]?["limits"] is JsonObject limits
            && limits["cpu"] is not null && limits["memory"] is not null
            && (c["resources"]?["requests"] is not JsonObject requests
                || (JsonNode.DeepEquals(requests["cpu"] ?? limits["cpu"], limits["cpu"]) && JsonNode.DeepEquals(requests["memory"] ?? limits["memory"], limits["memory"]))));
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
