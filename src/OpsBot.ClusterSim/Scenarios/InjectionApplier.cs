using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Api.Patching;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Manifests;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>Carries out one <see cref="ScenarioInjection"/> against the store.</summary>
public sealed class InjectionApplier(ObjectStore store, ResourceRegistry registry, ManifestLoader manifests)
{
    public void Apply(ScenarioInjection injection, string defaultNamespace)
    {
        var ns = injection.Namespace ?? defaultNamespace;
        switch (injection.Action)
        {
            case "apply":
                foreach (var manifest in injection.Manifests)
                {
                    var copy = manifest.DeepClone().AsObject();
                    TlsSecretMaterial.Fill(copy, store.Clock.GetUtcNow());
                    SecretStringData.Fold(copy);
                    manifests.Apply(copy);
                }

                break;
            case "patch":
                Modify(injection, ns, obj => StrategicMergePatch.Apply(obj, injection.Patch ?? throw Invalid(injection, "needs a patch"))!.AsObject());
                break;
            case "scale":
                Modify(injection, ns, obj =>
                {
                    obj["spec"]!["replicas"] = injection.Replicas ?? throw Invalid(injection, "needs replicas");
                    return obj;
                });
                break;
            case "delete":
                var (resource, name) = Target(injection);
                store.Delete(resource, Namespaced(resource) ? ns : null, name);
                break;
            case "stop-kubelet" or "start-kubelet":
                var stop = injection.Action == "stop-kubelet";
                Modify(injection, ns, obj => SetAnnotation(obj, WorkloadAnnotations.KubeletStopped, stop ? "true" : null));
                break;
            case "set-load":
                var rate = injection.RequestsPerSecond ?? throw Invalid(injection, "needs requestsPerSecond");
                Modify(injection, ns, obj => SetAnnotation(obj, WorkloadAnnotations.RequestsPerSecond, rate.ToString(CultureInfo.InvariantCulture)));
                break;
            case "set-node-condition":
                var condition = injection.Condition ?? throw Invalid(injection, "needs a condition (DiskPressure, MemoryPressure, PIDPressure, NetworkUnavailable)");
                var value = (injection.ConditionStatus ?? "True").Equals("true", StringComparison.OrdinalIgnoreCase);
                Modify(injection, ns, obj => SetAnnotation(obj, WorkloadAnnotations.NodeConditions, ForcedConditions(obj, condition, value)));
                break;
            default:
                throw Invalid(injection, "is not a known action (apply, patch, scale, delete, stop-kubelet, start-kubelet, set-load, set-node-condition)");
        }
    }

    private void Modify(ScenarioInjection injection, string ns, Func<JsonObject, JsonObject> change)
    {
        var (resource, name) = Target(injection);
        store.Modify(resource, Namespaced(resource) ? ns : null, name, change);
    }

    private (GroupVersionResource Resource, string Name) Target(ScenarioInjection injection)
    {
        var target = injection.Target ?? throw Invalid(injection, "needs a target (kind/name)");
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? throw Invalid(injection, "target must be kind/name") : target[..slash].ToLowerInvariant();
        var definition = registry.Definitions.FirstOrDefault(d => !d.IsMetrics && (d.Singular == kind || d.Plural == kind || d.ShortNames.Contains(kind) || d.Kind.Equals(kind, StringComparison.OrdinalIgnoreCase)))
            ?? throw Invalid(injection, $"targets an unknown kind '{kind}'");
        return (definition.Resource, target[(slash + 1)..]);
    }

    private bool Namespaced(GroupVersionResource resource) =>
        registry.Definitions.FirstOrDefault(d => d.Resource == resource)?.Namespaced ?? true;

    /// <summary>The node's forced conditions with <paramref name="condition"/> set (True) or released to the kubelet's own signals (False).</summary>
    private static string? ForcedConditions(JsonObject node, string condition, bool value)
    {
        var entries = (ObjectMeta.Annotation(node, WorkloadAnnotations.NodeConditions) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(e => !e.Split('=')[0].Trim().Equals(condition, StringComparison.Ordinal))
            .ToList();
        if (value)
        {
            entries.Add(condition + "=True");
        }

        return entries.Count == 0 ? null : string.Join(',', entries);
    }

    private static JsonObject SetAnnotation(JsonObject obj, string key, string? value)
    {
        var meta = ObjectMeta.Metadata(obj);
        var annotations = meta["annotations"] as JsonObject ?? [];
        meta["annotations"] = annotations;
        if (value is null)
        {
            annotations.Remove(key);
        }
        else
        {
            annotations[key] = value;
        }

        return obj;
    }

    private static InvalidOperationException Invalid(ScenarioInjection injection, string problem) =>
        new($"injection '{injection.Action}' {(injection.Target is null ? "" : $"on {injection.Target} ")}{problem}");
}
