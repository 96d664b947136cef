using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Autoscaling;

/// <summary>
/// The replica count one Resource metric asks for (podautoscaler.ReplicaCalculator.GetResourceReplicas):
/// utilization = usage / requests over the pods with metrics; desired = ceil(ratio × ready pods), unchanged
/// within the 10 % tolerance; missing pods count as 100 % (scale down) or 0 % (scale up), not-ready pods as
/// 0 % when scaling up on CPU, and a correction that would reverse the direction is dropped.
/// </summary>
internal static class ReplicaCalculator
{
    public const double Tolerance = 0.1;

    public static MetricResult Compute(IReadOnlyList<JsonObject> pods, IReadOnlyList<PodMetricsSample> samples, string resource, int currentReplicas, int? targetUtilization, long? targetAverage)
    {
        var cpu = resource == "cpu";
        var byName = samples.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var usage = new Dictionary<string, long>(StringComparer.Ordinal);
        var requests = new Dictionary<string, long>(StringComparer.Ordinal);
        var unready = new List<string>();
        var missing = new List<string>();
        foreach (var pod in pods)
        {
            var name = ObjectMeta.Name(pod);
            if (Owners.IsTerminating(pod) || PodFacts.Phase(pod) == "Failed")
            {
                continue;
            }

            if (targetUtilization is not null)
            {
                foreach (var container in pod["spec"]?["containers"] as JsonArray ?? [])
                {
                    var r = ResourceRequests.OfContainer(container);
                    var value = cpu ? r.CpuMillicores : r.MemoryBytes;
                    if (value == 0)
                    {
                        return MetricResult.Failed($"failed to get {resource} utilization: missing request for {resource} in container {JsonFields.Str(container, "name")} of Pod {name}");
                    }

                    requests[name] = requests.GetValueOrDefault(name) + value;
                }
            }

            if (!byName.TryGetValue(name, out var sample))
            {
                missing.Add(name);
                continue;
            }

            if (cpu && (PodFacts.Phase(pod) == "Pending" || !PodFacts.IsReady(pod)))
            {
                unready.Add(name);
                continue;
            }

            usage[name] = sample.Containers.Sum(c => cpu ? c.CpuMillicores : c.MemoryBytes);
        }

        var what = targetUtilization is not null ? $"{resource} utilization" : $"{resource} usage";
        if (!pods.Any(p => byName.ContainsKey(ObjectMeta.Name(p))))
        {
            return MetricResult.Failed($"failed to get {what}: unable to get metrics for resource {resource}: no metrics returned from resource metrics API");
        }

        if (usage.Count == 0)
        {
            return MetricResult.Failed($"failed to get {what}: did not receive metrics for targeted pods (pods might be unready)");
        }

        var ratio = Ratio(usage, requests, targetUtilization, targetAverage, out var utilization, out var average);
        var scaleUpWithUnready = unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && missing.Count == 0)
        {
            var desired = Math.Abs(1.0 - ratio) <= Tolerance ? currentReplicas : (int)Math.Ceiling(ratio * usage.Count);
            return new MetricResult(desired, utilization, average, null);
        }

        foreach (var name in missing)
        {
            usage[name] = ratio < 1.0 ? (targetUtilization is not null ? requests.GetValueOrDefault(name) : targetAverage ?? 0) : 0;
        }

        if (scaleUpWithUnready)
        {
            foreach (var name in unready)
            {
                usage[name] = 0;
            }
        }

        var newRatio = Ratio(usage, requests, targetUtilization, targetAverage, out _, out _);
        if (Math.Abs(1.0 - newRatio) <= Tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0))
        {
            return new MetricResult(currentReplicas, utilization, average, null);
        }

        var replicas = (int)Math.Ceiling(newRatio * usage.Count);
        if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas))
        {
            replicas = currentReplicas;
        }

        return new MetricResult(replicas, utilization, average, null);
    }

    private static double Ratio(Dictionary<string, long> usage, Dictionary<string, long> requests, int? targetUtilization, long? targetAverage, out int utilization, out long average)
    {
        var total = usage.Values.Sum();
        average = usage.Count == 0 ? 0 : total / usage.Count;
        if (targetUtilization is { } target)
        {
            var requested = usage.Keys.Sum(requests.GetValueOrDefault);
            utilization = requested == 0 ? 0 : (int)(total * 100 / requested);
            return target == 0 ? 0 : (double)utilization / target;
        }

        utilization = 0;
        return targetAverage is > 0 ? (double)average / targetAverage.Value : 0;
    }
}
