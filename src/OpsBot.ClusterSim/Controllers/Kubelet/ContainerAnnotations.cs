using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// The workload annotations that apply to one container of a pod, keyed as <c>sim.opsbot.io/KEY</c>: the pod's
/// <c>sim.opsbot.io/KEY</c> when the container is the annotated one (<c>sim.opsbot.io/container</c>, else the first
/// regular container), overridden by <c>NAME.sim.opsbot.io/KEY</c> for the container NAME — so a sidecar or an init
/// container can be given its own behaviour while the main container keeps its.
/// </summary>
public static class ContainerAnnotations
{
    public static IReadOnlyDictionary<string, string> For(JsonObject pod, JsonObject container)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pod["metadata"]?["annotations"] is not JsonObject annotations)
        {
            return result;
        }

        var name = ObjectMeta.GetString(container, "name") ?? "";
        var target = ObjectMeta.GetString(annotations, WorkloadAnnotations.Container)
            ?? ObjectMeta.GetString(pod["spec"]?["containers"]?[0], "name");
        var ownPrefix = name + WorkloadAnnotations.PerContainerSuffix;
        foreach (var (key, value) in annotations)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                continue;
            }

            if (name == target && key.StartsWith(WorkloadAnnotations.Prefix, StringComparison.Ordinal) && !result.ContainsKey(key))
            {
                result[key] = text;
            }
        }

        foreach (var (key, value) in annotations)
        {
            if (key.StartsWith(ownPrefix, StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                result[WorkloadAnnotations.Prefix + key[ownPrefix.Length..]] = text;
            }
        }

        return result;
    }
}
