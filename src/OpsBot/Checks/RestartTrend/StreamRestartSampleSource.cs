using OpsBot.Caching;
using OpsBot.Clusters;

namespace OpsBot.Checks;

/// <summary>
/// restart-trend's samples from the watch stream: when the cluster's cache is synced over every namespace (and its pod
/// watch fresh), the snapshot is the cache's pods — kept current by the watch, so no list goes to the API — plus every
/// container the stream saw restart since the last sample whose pod is gone now (<see cref="StreamedRestarts"/>), so a
/// crash-looping pod replaced between two samples still counts. Otherwise (cache off, syncing, narrowed to the
/// channels' namespaces, watch broken for too long) it falls back to polling (<see cref="PodRestartSampleSource"/>).
/// </summary>
public sealed class StreamRestartSampleSource(
    IClusterCaches? caches,
    StreamedRestarts restarts,
    PodRestartSampleSource polling,
    IClusterProvider clusters,
    IClusterClock clusterClock,
    TimeProvider time) : IRestartSampleSource
{
    public Task<RestartSnapshot> ReadAsync(string cluster, CancellationToken cancellationToken = default)
    {
        var cache = caches?.For(cluster);
        var pods = cache?.Pods;
        if (cache is null || pods is null || cache.FreshnessOf(pods, null) is null)
        {
            // Forget what the stream saw meanwhile: the poll below sees the pods that still exist.
            restarts.Drain(cluster);
            return polling.ReadAsync(cluster, cancellationToken);
        }

        var at = (clusterClock.For(clusters.GetClient(cluster)) ?? time).GetUtcNow();
        var samples = new List<ContainerRestartSample>();
        var present = new HashSet<(string, string)>();
        foreach (var pod in pods.List(null))
        {
            PodRestartSampleSource.AddSamples(pod, samples);
            present.Add((pod.Metadata.NamespaceProperty ?? string.Empty, pod.Metadata.Name));
        }

        foreach (var gone in restarts.Drain(cluster).Where(restart => !present.Contains((restart.Namespace, restart.Pod))))
        {
            var (kind, name) = PodRestartSampleSource.WorkloadOf(gone.Pod, gone.OwnerKind, gone.OwnerName, gone.PodTemplateHash);
            samples.Add(new ContainerRestartSample(gone.Namespace, kind, name, gone.Pod, gone.Container, gone.Restarts, gone.Reason, null));
        }

        return Task.FromResult(new RestartSnapshot(cluster, at, samples));
    }
}
