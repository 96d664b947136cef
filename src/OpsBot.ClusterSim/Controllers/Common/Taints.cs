using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>Node taints and pod tolerations (v1helper.TolerationsTolerateTaint).</summary>
internal static class Taints
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
    public const string MemoryPressure = "node.kubernetes.io/memory-pressure";
    public const string DiskPressure = "node.kubernetes.io/disk-pressure";
    public const string PidPressure = "node.kubernetes.io/pid-pressure";
    public const string NetworkUnavailable = "node.kubernetes.io/network-unavailable";

    /// <summary>The NoSchedule taint the node controller keeps in step with each pressure condition.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByCondition = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MemoryPressure"] = MemoryPressure,
        ["DiskPressure"] = DiskPressure,
        ["PIDPressure"] = PidPressure,
        ["NetworkUnavailable"] = NetworkUnavailable,
    };

    public static IEnumerable<JsonObject> Of(JsonObject node) => (node["spec"]?["taints"] as JsonArray ?? []).OfType<JsonObject>();

    public static string Key(JsonObject taint) => JsonFields.Str(taint, "key") ?? "";

    public static string Effect(JsonObject taint) => JsonFields.Str(taint, "effect") ?? "";

    /// <summary>The first NoSchedule/NoExecute taint the pod does not tolerate.</summary>
    public static JsonObject? FirstUntolerated(JsonObject pod, IEnumerable<JsonObject> taints) =>
        taints.FirstOrDefault(t => Effect(t) is "NoSchedule" or "NoExecute" && !Tolerates(pod, t));

    public static bool Tolerates(JsonObject pod, JsonObject taint) => TolerationsOf(pod).Any(t => Matches(t, taint));

    public static IEnumerable<JsonObject> TolerationsOf(JsonObject pod) => (pod["spec"]?["tolerations"] as JsonArray ?? []).OfType<JsonObject>();

    public static bool Matches(JsonObject toleration, JsonObject taint)
    {
        var effect = JsonFields.Str(toleration, "effect") ?? "";
        if (effect.Length > 0 && effect != Effect(taint))
        {
            return false;
        }

        var key = JsonFields.Str(toleration, "key") ?? "";
        if (JsonFields.Str(toleration, "operator") == "Exists")
        {
            return key.Length == 0 || key == Key(taint);
        }

        return key == Key(taint) && (JsonFields.Str(toleration, "value") ?? "") == (JsonFields.Str(taint, "value") ?? "");
    }

    public static JsonObject Create(string key, string effect, DateTimeOffset? added = null)
    {
        var taint = new JsonObject { ["key"] = key, ["effect"] = effect };
        if (added is { } time)
        {
            taint["timeAdded"] = KubernetesTime.Format(time);
        }

        return taint;
    }
}
