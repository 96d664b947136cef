using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Controllers.Common;

namespace OpsBot.ClusterSim.Controllers.Autoscaling;

public sealed partial class HorizontalPodAutoscalerController
{
    // computeReplicasForMetrics: the largest proposal over the Resource metrics (cpu 80 % when none is set).
    private static (int Replicas, string MetricName)? ComputeForMetrics(SimulationContext context, JsonObject hpa, IReadOnlyList<JsonObject> pods, int current, JsonObject status, JsonArray metricStatuses)
    {
        var ns = Store.ObjectMeta.Namespace(hpa);
        var metrics = (hpa["spec"]?["metrics"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (metrics.Count == 0)
        {
            metrics.Add(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 80 } },
            });
        }

        var samples = context.Metrics.GetPodMetrics(ns);
        (int Replicas, string MetricName)? best = null;
        string? firstError = null;
        var invalid = 0;
        foreach (var metric in metrics)
        {
            var resource = metric["resource"];
            if (JsonFields.Str(metric, "type") != "Resource" || resource is null)
            {
                invalid++;
                firstError ??= $"unsupported metric source type \"{JsonFields.Str(metric, "type")}\"";
                continue;
            }

            var name = JsonFields.Str(resource, "name") ?? "cpu";
            var target = resource["target"];
            int? utilization = JsonFields.Str(target, "type") == "AverageValue" ? null : JsonFields.Int(target, "averageUtilization", 80);
            long? average = utilization is null ? ResourceRequests.Parse(JsonFields.Str(target, "averageValue"), name == "cpu") : null;
            var result = ReplicaCalculator.Compute(pods, samples, name, current, utilization, average);
            if (result.Error is not null)
            {
                invalid++;
                firstError ??= $"failed to get {name} resource metric value: {result.Error}";
                context.Events.Record(hpa, "Warning", "FailedGetResourceMetric", result.Error, Component);
                SetCondition(status, "ScalingActive", "False", "FailedGetResourceMetric", $"the HPA was unable to compute the replica count: {result.Error}", context.Now);
                continue;
            }

            var metricName = utilization is not null ? $"{name} resource utilization (percentage of request)" : $"{name} resource";
            metricStatuses.Add(CurrentMetric(name, result, utilization is not null));
            if (best is null || result.Replicas > best.Value.Replicas)
            {
                best = (result.Replicas, metricName);
            }
        }

        if (invalid > 0)
        {
            context.Events.Record(hpa, "Warning", "FailedComputeMetricsReplicas", $"invalid metrics ({invalid} invalid out of {metrics.Count}), first error is: {firstError}", Component);
            if (best is null || invalid == metrics.Count)
            {
                return null;
            }
        }

        SetCondition(status, "ScalingActive", "True", "ValidMetricFound", $"the HPA was able to successfully calculate a replica count from {best!.Value.MetricName}", context.Now);
        return best;
    }

    private static JsonObject CurrentMetric(string name, MetricResult result, bool utilization)
    {
        var value = name == "cpu" ? Quantities.FromMillicores(result.Average) : Quantities.FromBytes(result.Average);
        var current = new JsonObject();
        if (utilization)
        {
            current["averageUtilization"] = result.Utilization;
        }

        current["averageValue"] = value;
        return new JsonObject
        {
            ["type"] = "Resource",
            ["resource"] = new JsonObject { ["name"] = name, ["current"] = current },
        };
    }
}
