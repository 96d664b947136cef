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

    /// <summary>
    /// A pod also loses what no reader looks at and every pod carries (measured on realistic pods, issue 19): the
    /// service-account token volume admission adds to every pod (<c>kube-api-access-*</c>, projected) and its mounts,
    /// the container and image IDs, the pod/host IP lists (<c>podIP</c>/<c>hostIP</c> stay), the scheduler's and the
    /// API's defaults (<c>schedulerName</c>, <c>preemptionPolicy</c>, <c>enableServiceLinks</c>, termination message
    /// path and policy, the deprecated <c>serviceAccount</c>). <c>/k8s describe</c> reads its pod from the API, whole.
    /// The template's parts (containers, volumes, tolerations…) are shared among the pods that carry the same
    /// (<see cref="SharedTemplateParts"/>).
    /// </summary>
    private static void TrimPod(V1Pod pod)
    {
        if (pod.Spec is { } spec)
        {
            spec.NodeName = Intern(spec.NodeName);
            spec.ServiceAccountName = Intern(spec.ServiceAccountName);
            spec.ServiceAccount = null;
            spec.SchedulerName = null;
            spec.PreemptionPolicy = null;
            spec.EnableServiceLinks = null;
            spec.RestartPolicy = Intern(spec.RestartPolicy);
            spec.DnsPolicy = Intern(spec.DnsPolicy);
            spec.PriorityClassName = Intern(spec.PriorityClassName);
            var tokenVolumes = spec.Volumes?.Where(IsServiceAccountToken).Select(volume => volume.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            if (tokenVolumes.Count > 0)
            {
                spec.Volumes = [.. spec.Volumes!.Where(volume => !tokenVolumes.Contains(volume.Name))];
                spec.Volumes = spec.Volumes.Count == 0 ? null : spec.Volumes;
            }

            foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
            {
                container.Image = Intern(container.Image);
                container.Name = Intern(container.Name);
                container.ImagePullPolicy = Intern(container.ImagePullPolicy);
                container.TerminationMessagePath = null;
                container.TerminationMessagePolicy = null;
                if (tokenVolumes.Count > 0 && container.VolumeMounts is { } mounts)
                {
                    container.VolumeMounts = [.. mounts.Where(mount => !tokenVolumes.Contains(mount.Name))];
                    container.VolumeMounts = container.VolumeMounts.Count == 0 ? null : container.VolumeMounts;
                }

                foreach (var mount in container.VolumeMounts ?? [])
                {
                    mount.Name = Intern(mount.Name);
                    mount.MountPath = Intern(mount.MountPath);
                }
            }

            // Last, once trimmed: the pods of one template then share one copy of it.
            SharedTemplateParts.Share(spec);
        }

        if (pod.Status is { } status)
        {
            status.Phase = Intern(status.Phase);
            status.HostIP = Intern(status.HostIP);
            status.HostIPs = null;
            status.PodIPs = null;
            status.QosClass = Intern(status.QosClass);
            foreach (var container in (status.ContainerStatuses ?? []).Concat(status.InitContainerStatuses ?? []))
            {
                container.Image = Intern(container.Image);
                container.ImageID = null;
                container.ContainerID = null;
                container.Name = Intern(container.Name);
                TrimState(container.State);
                TrimState(container.LastState);
            }

            foreach (var condition in status.Conditions ?? [])
            {
                condition.Type = Intern(condition.Type);
                condition.Status = Intern(condition.Status);
                condition.Reason = Intern(condition.Reason);
            }
        }
    }

    /// <summary>The <c>kube-api-access-*</c> volume admission adds to every pod (a projected token, CA and namespace).</summary>
    private static bool IsServiceAccountToken(V1Volume volume) =>
        volume.Projected is not null && volume.Name.StartsWith("kube-api-access-", StringComparison.Ordinal);

    private static void TrimState(V1ContainerState? state)
    {
        if (state?.Waiting is { } waiting)
        {
            waiting.Reason = Intern(waiting.Reason);
        }

        if (state?.Terminated is { } terminated)
        {
            terminated.Reason = Intern(terminated.Reason);
            terminated.ContainerID = null;
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
