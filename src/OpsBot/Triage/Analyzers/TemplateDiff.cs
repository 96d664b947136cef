using k8s;
using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// What a rollout changed between two pod templates, container by container (image, command, args, env, envFrom,
/// resources, probes, ports, volume mounts) and at pod level (volumes, service account, node placement), so that a
/// rollout is blamed only when it changed what the failing container runs or reads.
/// </summary>
public static class TemplateDiff
{
    /// <summary>One difference: the container it touches (null: the pod) and what changed, as a sentence fragment.</summary>
    public sealed record Change(string? Container, string Field, string Text);

    public static IReadOnlyList<Change> Of(V1PodTemplateSpec? before, V1PodTemplateSpec? after)
    {
        var changes = new List<Change>();
        var old = (before?.Spec?.Containers ?? []).Concat(before?.Spec?.InitContainers ?? []).Where(c => c.Name is not null).GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var container in (after?.Spec?.Containers ?? []).Concat(after?.Spec?.InitContainers ?? []))
        {
            if (container.Name is null)
            {
                continue;
            }

            if (!old.TryGetValue(container.Name, out var was))
            {
                changes.Add(new Change(container.Name, "container", $"added container {container.Name} ({container.Image})"));
                continue;
            }

            if (was.Image != container.Image)
            {
                changes.Add(new Change(container.Name, "image", $"{container.Name} image {was.Image} → {container.Image}"));
            }

            Compare(changes, container.Name, "command", was.Command, container.Command);
            Compare(changes, container.Name, "args", was.Args, container.Args);
            CompareEnv(changes, container.Name, was.Env, container.Env);
            Compare(changes, container.Name, "envFrom", was.EnvFrom, container.EnvFrom);
            Compare(changes, container.Name, "resources", was.Resources, container.Resources);
            Compare(changes, container.Name, "livenessProbe", was.LivenessProbe, container.LivenessProbe);
            Compare(changes, container.Name, "readinessProbe", was.ReadinessProbe, container.ReadinessProbe);
            Compare(changes, container.Name, "startupProbe", was.StartupProbe, container.StartupProbe);
            Compare(changes, container.Name, "ports", was.Ports, container.Ports);
            Compare(changes, container.Name, "volumeMounts", was.VolumeMounts, container.VolumeMounts);
            Compare(changes, container.Name, "securityContext", was.SecurityContext, container.SecurityContext);
        }

        Compare(changes, null, "volumes", before?.Spec?.Volumes, after?.Spec?.Volumes);
        Compare(changes, null, "serviceAccountName", before?.Spec?.ServiceAccountName, after?.Spec?.ServiceAccountName);
        Compare(changes, null, "nodeSelector", before?.Spec?.NodeSelector, after?.Spec?.NodeSelector);
        Compare(changes, null, "affinity", before?.Spec?.Affinity, after?.Spec?.Affinity);
        Compare(changes, null, "tolerations", before?.Spec?.Tolerations, after?.Spec?.Tolerations);
        return changes;
    }

    /// <summary>
    /// The changes that can explain a failure of <paramref name="container"/>: its own, and pod-level ones (volumes it
    /// may read, identity, placement). Annotations and other containers' changes cannot.
    /// </summary>
    public static IReadOnlyList<Change> Explaining(IReadOnlyList<Change> changes, string container)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return [.. changes.Where(c => c.Container == container || c.Container is null)];
    }

    private static void Compare(List<Change> changes, string? container, string field, object? before, object? after)
    {
        var a = before is null ? "null" : KubernetesJson.Serialize(before);
        var b = after is null ? "null" : KubernetesJson.Serialize(after);
        if (Empty(a) && Empty(b))
        {
            return;
        }

        if (!string.Equals(a, b, StringComparison.Ordinal))
        {
            changes.Add(new Change(container, field, container is null ? $"pod {field} changed" : $"{container} {field} changed"));
        }
    }

    private static void CompareEnv(List<Change> changes, string container, IList<V1EnvVar>? before, IList<V1EnvVar>? after)
    {
        var a = (before ?? []).Where(e => e.Name is not null).GroupBy(e => e.Name).ToDictionary(g => g.Key, g => KubernetesJson.Serialize(g.First()), StringComparer.Ordinal);
        var b = (after ?? []).Where(e => e.Name is not null).GroupBy(e => e.Name).ToDictionary(g => g.Key, g => KubernetesJson.Serialize(g.First()), StringComparer.Ordinal);
        var names = a.Keys.Union(b.Keys).Where(n => !a.TryGetValue(n, out var x) || !b.TryGetValue(n, out var y) || x != y).Order(StringComparer.Ordinal).ToList();
        if (names.Count > 0)
        {
            changes.Add(new Change(container, "env", $"{container} env {string.Join(", ", names.Take(5).Select(n => !a.ContainsKey(n) ? "+" + n : !b.ContainsKey(n) ? "-" + n : n))} changed"));
        }
    }

    private static bool Empty(string json) => json is "null" or "[]" or "{}";
}
