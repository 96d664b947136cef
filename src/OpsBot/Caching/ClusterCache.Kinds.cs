using k8s;
using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Caching;

public sealed partial class ClusterCache
{
    /// <summary>The kinds one run of the cache keeps, all on one budget.</summary>
    private sealed class Kinds
    {
        public required CachedKind<V1Pod> Pods { get; init; }

        public required CachedKind<V1Deployment> Deployments { get; init; }

        public required CachedKind<V1ReplicaSet> ReplicaSets { get; init; }

        public required CachedKind<V2HorizontalPodAutoscaler> Hpas { get; init; }

        public required CachedKind<Corev1Event> Events { get; init; }

        public required CachedKind<V1Node> Nodes { get; init; }

        public IReadOnlyList<ICachedKind> All => [Pods, Deployments, ReplicaSets, Hpas, Events, Nodes];

        /// <summary>Every namespace (<paramref name="namespaces"/> null), or one informer per kind and namespace.</summary>
        public static Kinds Build(IKubernetes client, IReadOnlyList<string>? namespaces, InformerOptions options, ObjectBudget budget) => new()
        {
            Pods = Kind(namespaces, ns => InformerSources.Pods(client, ns), options, budget),
            Deployments = Kind(namespaces, ns => InformerSources.Deployments(client, ns), options, budget),
            ReplicaSets = Kind(namespaces, ns => InformerSources.ReplicaSets(client, ns), options, budget),
            Hpas = Kind(namespaces, ns => InformerSources.HorizontalPodAutoscalers(client, ns), options, budget),
            Events = Kind(namespaces, ns => InformerSources.Events(client, ns), options, budget),
            Nodes = CachedKind<V1Node>.Everywhere(new ResourceInformer<V1Node>(InformerSources.Nodes(client), options, budget)),
        };

        private static CachedKind<T> Kind<T>(IReadOnlyList<string>? namespaces, Func<string?, InformerSource<T>> source, InformerOptions options, ObjectBudget budget)
            where T : class, IKubernetesObject<V1ObjectMeta> =>
            namespaces is null
                ? CachedKind<T>.Everywhere(new ResourceInformer<T>(source(null), options, budget))
                : CachedKind<T>.PerNamespace(namespaces.ToDictionary(ns => ns, ns => new ResourceInformer<T>(source(ns), options, budget)));
    }
}
