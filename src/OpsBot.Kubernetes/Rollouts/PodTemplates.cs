using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>Pod-template comparison the way the deployment controller and kubectl compare them.</summary>
public static class PodTemplates
{
    /// <summary>
    /// Equal ignoring the <c>pod-template-hash</c> label, with null and empty lists/maps treated
    /// alike (apimachinery's semantic equality does the same).
    /// </summary>
    public static bool EqualIgnoreHash(V1PodTemplateSpec? left, V1PodTemplateSpec? right) =>
        JsonNode.DeepEquals(Normalize(left), Normalize(right));

    public static JsonObject WithoutHash(V1PodTemplateSpec template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var node = JsonNode.Parse(KubernetesJson.Serialize(template))!.AsObject();
        if (node["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(KubernetesLabels.PodTemplateHash);
        }

        return node;
    }

    /// <summary>The template as JSON without the hash label and with empty objects and lists pruned (null when nothing is left).</summary>
    public static JsonNode? Normalize(V1PodTemplateSpec? template) =>
        template is null ? null : Prune(WithoutHash(template));

    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                // Pruning works in place: a child is either kept (same node) or removed.
                foreach (var (key, value) in obj.ToList())
                {
                    if (Prune(value) is null)
                    {
                        obj.Remove(key);
                    }
                }

                return obj.Count == 0 ? null : obj;
            case JsonArray array:
                return array.Count == 0 ? null : array;
            default:
                return node;
        }
    }
}
