using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// What a cache keeps of an object: everything but the fields no reader uses and that weigh the most —
/// <c>metadata.managedFields</c> (server-side apply bookkeeping, often a third of a pod) and the
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation (a copy of the whole manifest). Strings that
/// repeat across thousands of objects (namespaces, node names, images, label keys and values) are interned, so 10,000
/// pods of 100 deployments hold each once (a bounded pool, <see cref="StringPool"/>).
/// </summary>
public static class CachedObjects
{
    /// <summary>The object, trimmed in place (it has just been deserialized and belongs to no one else).</summary>
    public static T Trim<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(item);
        var metadata = item.Metadata;
        if (metadata is null)
        {
            return item;
        }

        metadata.ManagedFields = null;
        if (metadata.Annotations is { } annotations)
        {
            annotations.Remove(KubernetesAnnotations.LastAppliedConfiguration);
            metadata.Annotations = annotations.Count == 0 ? null : Intern(annotations);
        }

        metadata.NamespaceProperty = Intern(metadata.NamespaceProperty);
        metadata.Labels = Intern(metadata.Labels);
        foreach (var owner in metadata.OwnerReferences ?? [])
        {
            owner.ApiVersion = Intern(owner.ApiVersion);
            owner.Kind = Intern(owner.Kind);
        }

        item.ApiVersion = Intern(item.ApiVersion);
        item.Kind = Intern(item.Kind);
        if (item is V1Pod pod)
        {
            TrimPod(pod);
        }

        return item;
    }

    private static void TrimPod(V1Pod pod)
    {
        if (pod.Spec is { } spec)
        {
            spec.NodeName = Intern(spec.NodeName);
            spec.ServiceAccountName = Intern(spec.ServiceAccountName);
            foreach (var container in spec.Containers ?? [])
            {
                container.Image = Intern(container.Image);
                container.Name = Intern(container.Name);
            }
        }

        if (pod.Status is { } status)
        {
            status.Phase = Intern(status.Phase);
            status.HostIP = Intern(status.HostIP);
            foreach (var container in status.ContainerStatuses ?? [])
            {
                container.Image = Intern(container.Image);
                container.ImageID = Intern(container.ImageID);
                container.Name = Intern(container.Name);
            }

            foreach (var condition in status.Conditions ?? [])
            {
                condition.Type = Intern(condition.Type);
                condition.Status = Intern(condition.Status);
            }
        }
    }

    private static IDictionary<string, string>? Intern(IDictionary<string, string>? map)
    {
        if (map is null)
        {
            return null;
        }

        var interned = new Dictionary<string, string>(map.Count, StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            interned[StringPool.Get(key)!] = value.Length <= 64 ? StringPool.Get(value)! : value;
        }

        return interned;
    }

    private static string? Intern(string? value) => StringPool.Get(value);
}
