using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>What the controllers ask of a pod (podutil.IsPodReady, IsPodAvailable, FilterActivePods).</summary>
internal static class PodFacts
{
    public static string Phase(JsonObject pod) => JsonFields.Str(pod["status"], "phase") ?? "Pending";

    public static string? NodeName(JsonObject pod) => JsonFields.Str(pod["spec"], "nodeName") is { Length: > 0 } node ? node : null;

    /// <summary>Counts toward a ReplicaSet: not Succeeded/Failed and not being deleted.</summary>
    public static bool IsActive(JsonObject pod) => Phase(pod) is not ("Succeeded" or "Failed") && !Owners.IsTerminating(pod);

    public static bool IsReady(JsonObject pod) => Conditions.StatusOf(pod["status"], "Ready") == "True";

    /// <summary>Ready for at least <paramref name="minReadySeconds"/>, measured from the Ready condition's transition.</summary>
    public static bool IsAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod))
        {
            return false;
        }

        if (minReadySeconds == 0)
        {
            return true;
        }

        var since = JsonFields.Time(Conditions.Find(pod["status"], "Ready"), "lastTransitionTime");
        return since is { } t && t.AddSeconds(minReadySeconds) <= now;
    }

    public static bool Matches(JsonObject pod, Selectors.LabelSelector selector) => selector.Matches(ObjectMeta.Labels(pod));
}
