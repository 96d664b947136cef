using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Deployments;

/// <summary>
/// The <c>pod-template-hash</c>: FNV-1a (32 bit) of the template's canonical JSON (keys sorted) and the
/// collision count, rendered as Kubernetes does (rand.SafeEncodeString of the decimal hash, e.g. <c>5d8f7c9b6</c>).
/// </summary>
public static class PodTemplateHash
{
    private const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonObject template, long? collisionCount = null)
    {
        var text = Canonical(template) + (collisionCount is { } c ? c.ToString(CultureInfo.InvariantCulture) : "");
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new char[digits.Length];
        for (var i = 0; i < digits.Length; i++)
        {
            encoded[i] = Alphanumerics[digits[i] % Alphanumerics.Length];
        }

        return new string(encoded);
    }

    /// <summary>Whether two templates are equal once the pod-template-hash label is dropped (EqualIgnoreHash).</summary>
    public static bool EqualIgnoreHash(JsonNode? a, JsonNode? b) => Canonical(WithoutHash(a)) == Canonical(WithoutHash(b));

    /// <summary>
    /// Keys sorted; nulls, empty objects and empty lists left out — the API server decodes into typed
    /// objects, where those equal an absent field (kubectl's rollback sends <c>creationTimestamp: null</c>).
    /// </summary>
    internal static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o
            .Where(p => !IsEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.All(p => IsEmpty(p.Value)),
        JsonArray a => a.Count == 0,
        _ => false,
    };

    private static JsonNode? WithoutHash(JsonNode? template)
    {
        var copy = template?.DeepClone();
        if (copy?["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(DeploymentAnnotations.PodTemplateHashLabel);
            if (labels.Count == 0)
            {
                copy["metadata"]!.AsObject().Remove("labels");
            }
        }

        return copy;
    }
}
