using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>
/// A pod's node constraints as the NodeAffinity plugin reads them: <c>spec.nodeSelector</c> (every label equal) and
/// <c>requiredDuringSchedulingIgnoredDuringExecution</c> (terms ORed; a term's matchExpressions on labels and matchFields
/// on <c>metadata.name</c> ANDed; operators In, NotIn, Exists, DoesNotExist, Gt, Lt).
/// </summary>
internal static class NodeAffinity
{
    public static bool Matches(JsonNode? podSpec, JsonObject node)
    {
        var labels = ObjectMeta.Labels(node);
        if (podSpec?["nodeSelector"] is JsonObject selector
            && selector.Any(s => !labels.TryGetValue(s.Key, out var v) || v != JsonFields.Str(selector, s.Key)))
        {
            return false;
        }

        if (RequiredTerms(podSpec) is not { } terms)
        {
            return true;
        }

        var name = ObjectMeta.Name(node);
        return terms.Any(term => TermMatches(term, labels, name));
    }

    /// <summary>
    /// The nodes a pod is pinned to by <c>matchFields metadata.name In</c> in every term (how DaemonSet pods name their
    /// node); null when the affinity does not narrow the nodes that way.
    /// </summary>
    public static IReadOnlySet<string>? PinnedNodeNames(JsonNode? podSpec)
    {
        if (RequiredTerms(podSpec) is not { Count: > 0 } terms)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            var fields = (term["matchFields"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(f => JsonFields.Str(f, "key") == "metadata.name" && JsonFields.Str(f, "operator") == "In").ToList();
            if (fields.Count == 0)
            {
                return null;
            }

            foreach (var value in fields.SelectMany(f => f["values"] as JsonArray ?? []))
            {
                if ((string?)value is { } v)
                {
                    names.Add(v);
                }
            }
        }

        return names;
    }

    /// <summary>A DaemonSet pod's affinity to one node (nodeaffinity.ReplaceDaemonSetPodNodeNameNodeAffinity).</summary>
    public static JsonObject PinTo(string nodeName) => new()
    {
        ["nodeAffinity"] = new JsonObject
        {
            ["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
            {
                ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                {
                    ["matchFields"] = new JsonArray(new JsonObject
                    {
                        ["key"] = "metadata.name",
                        ["operator"] = "In",
                        ["values"] = new JsonArray(nodeName),
                    }),
                }),
            },
        },
    };

    private static List<JsonObject>? RequiredTerms(JsonNode? podSpec) =>
        podSpec?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] is JsonArray terms
            ? [.. terms.OfType<JsonObject>()]
            : null;

    private static bool TermMatches(JsonObject term, IReadOnlyDictionary<string, string> labels, string nodeName)
    {
        var expressions = (term["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var fields = (term["matchFields"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false; // an empty term matches no node
        }

        return expressions.All(e => Requirement(e, labels.TryGetValue(JsonFields.Str(e, "key") ?? "", out var v) ? v : null))
            && fields.All(f => JsonFields.Str(f, "key") == "metadata.name" && Requirement(f, nodeName));
    }

    private static bool Requirement(JsonObject expression, string? value)
    {
        var values = (expression["values"] as JsonArray ?? []).Select(v => (string?)v).OfType<string>().ToList();
        return JsonFields.Str(expression, "operator") switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => Compare(value, values) > 0,
            "Lt" => Compare(value, values) < 0,
            _ => false,
        };
    }

    private static int Compare(string? value, List<string> values) =>
        value is not null && values.Count == 1
        && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : 0;
}
