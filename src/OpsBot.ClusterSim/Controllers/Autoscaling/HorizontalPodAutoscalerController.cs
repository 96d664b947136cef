using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Autoscaling;

/// <summary>
/// The HPA controller (autoscaling/v2, pkg/controller/podautoscaler), every 15 s of virtual time per
/// autoscaler: reads the target's scale and its pods' usage from the metrics source, computes the desired
/// replicas per Resource metric (the largest wins), applies min/max, the stabilization windows and the rate
/// policies of <c>spec.behavior</c>, writes the target's <c>spec.replicas</c> and reports status, conditions
/// (AbleToScale, ScalingActive, ScalingLimited) and events with the real reasons and messages.
/// </summary>
public sealed partial class HorizontalPodAutoscalerController : ISimulationController
{
    public const string Component = "horizontal-pod-autoscaler";

    /// <summary>--horizontal-pod-autoscaler-sync-period.</summary>
    public static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, AutoscalerMemory> _memory = new(StringComparer.Ordinal);

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hpa in context.Store.List(SimResources.HorizontalPodAutoscalers).Items)
        {
            var uid = ObjectMeta.Uid(hpa) ?? "";
            live.Add(uid);
            if (!_memory.TryGetValue(uid, out var memory))
            {
                memory = new AutoscalerMemory();
                _memory[uid] = memory;
            }

            if (memory.LastRun is { } last && context.Now - last < SyncPeriod)
            {
                continue;
            }

            memory.LastRun = context.Now;
            StoreRaces.Tolerate(() => ReconcileOne(context, hpa, memory));
        }

        foreach (var gone in _memory.Keys.Where(k => !live.Contains(k)).ToList())
        {
            _memory.Remove(gone);
        }
    }

    private static void ReconcileOne(SimulationContext context, JsonObject hpa, AutoscalerMemory memory)
    {
        var ns = ObjectMeta.Namespace(hpa);
        var spec = hpa["spec"];
        var status = hpa["status"]?.DeepClone() as JsonObject ?? [];
        var target = spec?["scaleTargetRef"];
        var targetResource = JsonFields.Str(target, "kind") switch
        {
            "ReplicaSet" => SimResources.ReplicaSets,
            _ => SimResources.Deployments,
        };
        var targetName = JsonFields.Str(target, "name") ?? "";
        var scaled = context.Store.TryGet(targetResource, ns, targetName);
        if (scaled is null)
        {
            var message = $"the HPA controller was unable to get the target's current scale: {targetResource.Resource}{(targetResource.Group.Length > 0 ? "." + targetResource.Group : "")} \"{targetName}\" not found";
            SetCondition(status, "AbleToScale", "False", "FailedGetScale", message, context.Now);
            context.Events.Record(hpa, "Warning", "FailedGetScale", message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..], Component);
            Save(context, hpa, status);
            return;
        }

        SetCondition(status, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", context.Now);
        var current = JsonFields.Int(scaled["spec"], "replicas", 1);
        var min = JsonFields.Int(spec, "minReplicas", 1);
        var max = JsonFields.Int(spec, "maxReplicas", 1);
        if (memory.Recommendations.Count == 0)
        {
            // maybeInitScaleDownStabilizationWindow: a new autoscaler does not scale down at once.
            memory.Recommendations.Add((JsonFields.Int(status, "desiredReplicas", current), context.Now));
        }

        var desired = 0;
        string? reason = null;
        JsonArray metricStatuses = [];
        if (current == 0 && min != 0)
        {
            SetCondition(status, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", context.Now);
        }
        else if (current > max)
        {
            reason = "Current number of replicas above Spec.MaxReplicas";
            desired = max;
        }
        else if (current < min)
        {
            reason = "Current number of replicas below Spec.MinReplicas";
            desired = min;
        }
        else
        {
            var selector = LabelSelector.FromJson(scaled["spec"]?["selector"]);
            var pods = context.Store.List(SimResources.Pods, ns, p => PodFacts.Matches(p, selector)).Items;
            var computed = ComputeForMetrics(context, hpa, pods, current, status, metricStatuses);
            if (computed is null)
            {
                status["currentReplicas"] = current;
                status["currentMetrics"] = metricStatuses;
                Save(context, hpa, status);
                return;
            }

            (desired, var metricName) = computed.Value;
            reason = desired > current ? $"{metricName} above target" : desired < current ? "All metrics below target" : null;
            desired = NormalizeWithBehaviors(context, hpa, memory, status, current, desired, min, max);
        }

        var rescale = desired != current && !(current == 0 && min != 0);
        if (rescale)
        {
            context.Store.Modify(targetResource, ns, targetName, (JsonObject t) => JsonFields.Child(t, "spec")["replicas"] = desired);
            SetCondition(status, "AbleToScale", "True", "SucceededRescale", $"the HPA controller was able to update the target scale to {desired}", context.Now);
            context.Events.Record(hpa, "Normal", "SuccessfulRescale", $"New size: {desired}; reason: {reason}", Component);
            RecordScaleEvent(memory, hpa, current, desired, context.Now);
            status["lastScaleTime"] = KubernetesTime.Format(context.Now);
        }
        else
        {
            desired = current == 0 && min != 0 ? 0 : current;
        }

        status["currentReplicas"] = current;
        status["desiredReplicas"] = desired;
        status["currentMetrics"] = metricStatuses;
        Save(context, hpa, status);
    }

    private static void Save(SimulationContext context, JsonObject hpa, JsonObject status)
    {
        status["observedGeneration"] = ObjectMeta.Generation(hpa);
        status["desiredReplicas"] ??= 0;
        var ordered = new JsonObject();
        foreach (var key in new[] { "observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas", "currentMetrics", "conditions" })
        {
            if (status[key] is { } value)
            {
                ordered[key] = value.DeepClone();
            }
        }

        context.Store.Modify(SimResources.HorizontalPodAutoscalers, ObjectMeta.Namespace(hpa), ObjectMeta.Name(hpa), (JsonObject h) => h["status"] = ordered);
    }

    // setCondition: message and reason follow; the transition time moves only with the status.
    private static void SetCondition(JsonObject status, string type, string value, string reason, string message, DateTimeOffset now)
    {
        var current = Conditions.Find(status, type);
        if (current is not null && JsonFields.Str(current, "status") == value && JsonFields.Str(current, "reason") == reason && JsonFields.Str(current, "message") == message)
        {
            return;
        }

        Conditions.Set(status, type, value, reason, message, now, force: true);
        var order = new[] { "AbleToScale", "ScalingActive", "ScalingLimited" };
        var sorted = JsonFields.Array(status, "conditions").OfType<JsonObject>()
            .OrderBy(c => Array.IndexOf(order, JsonFields.Str(c, "type")) is var i && i < 0 ? order.Length : i)
            .Select(c => (JsonNode)c.DeepClone()).ToList();
        status["conditions"] = new JsonArray([.. sorted]);
    }
}
