using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// One instance of each distinct pod-template part among cached pods: the pods of a workload carry identical containers,
/// volumes, tolerations and affinity (they come from one template), so 10,000 pods of 100 workloads need 100 copies,
/// not 10,000. Parts are matched by content (their JSON), never by name or owner, so a pod whose part differs keeps its
/// own. Only the spec is shared: status (conditions, container states) is each pod's own in a real cluster.
/// </summary>
/// <remarks>
/// Sharing is safe because cached objects are read-only for every reader (see <see cref="ResourceInformer{T}"/>). The
/// pool is bounded (<see cref="Capacity"/>): past it a part is simply kept unshared. Keys are SHA-256 digests of the
/// part's JSON, so the pool does not hold the JSON itself.
/// </remarks>
internal static class SharedTemplateParts
{
    public const int Capacity = 20_000;

    private static readonly ConcurrentDictionary<UInt128, object> Pool = new();

    public static void Share(V1PodSpec spec)
    {
        spec.Containers = Shared(spec.Containers);
        spec.InitContainers = Shared(spec.InitContainers);
        spec.Volumes = Shared(spec.Volumes);
        spec.Tolerations = Shared(spec.Tolerations);
        spec.Affinity = Shared(spec.Affinity);
        spec.SecurityContext = Shared(spec.SecurityContext);
        spec.TopologySpreadConstraints = Shared(spec.TopologySpreadConstraints);
        spec.ImagePullSecrets = Shared(spec.ImagePullSecrets);
    }

    private static T? Shared<T>(T? part)
        where T : class
    {
        if (part is null)
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        // The type is part of the key: an empty list of containers and an empty list of volumes serialize alike.
        SHA256.HashData(Encoding.UTF8.GetBytes(typeof(T).Name + ":" + KubernetesJson.Serialize(part)), digest);
        var key = new UInt128(BitConverter.ToUInt64(digest[..8]), BitConverter.ToUInt64(digest[8..16]));
        if (Pool.TryGetValue(key, out var pooled) && pooled is T same)
        {
            return same;
        }

        return Pool.Count >= Capacity ? part : (Pool.GetOrAdd(key, part) as T ?? part);
    }
}
