using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OpsBot.Kubernetes;

namespace OpsBot.Caching;

public sealed partial class ClusterCache
{
    /// <summary>
    /// A pod whose container restart count went up (on the watch, or found by a relist after a break) is told to the
    /// listeners, stamped with the cluster's clock. New pods are not: their restarts happened before the cache saw them.
    /// </summary>
    private void OnPodChanged(InformerChange<V1Pod> change, TimeProvider clock)
    {
        if (_restartListeners.Length == 0 || change is not { Type: WatchEventType.Modified, Previous: { } previous, Current: { } current })
        {
            return;
        }

        var owner = current.Metadata?.OwnerReferences?.FirstOrDefault(reference => reference.Controller == true);
        var templateHash = current.Metadata?.Labels is { } labels && labels.TryGetValue("pod-template-hash", out var hash) ? hash : null;
        var before = (previous.Status?.ContainerStatuses ?? []).Concat(previous.Status?.InitContainerStatuses ?? []).ToDictionary(status => status.Name ?? string.Empty, status => status.RestartCount, StringComparer.Ordinal);
        var containers = (current.Status?.ContainerStatuses ?? []).Select(status => (Status: status, Init: false))
            .Concat((current.Status?.InitContainerStatuses ?? []).Select(status => (Status: status, Init: true)));
        foreach (var (status, init) in containers)
        {
            var had = before.GetValueOrDefault(status.Name ?? string.Empty);
            if (status.RestartCount <= had)
            {
                continue;
            }

            var terminated = status.LastState?.Terminated;
            var restart = new PodRestartObserved(
                ClusterName,
                current.Metadata?.NamespaceProperty ?? string.Empty,
                current.Metadata?.Name ?? string.Empty,
                status.Name ?? string.Empty,
                had,
                status.RestartCount,
                clock.GetUtcNow(),
                terminated?.FinishedAt is { } finished ? new DateTimeOffset(DateTime.SpecifyKind(finished, DateTimeKind.Utc)) : null,
                terminated?.Reason,
                owner?.Uid,
                owner?.Kind,
                owner?.Name,
                templateHash,
                init);
            foreach (var listener in _restartListeners)
            {
                try
                {
                    listener.OnRestart(restart);
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    LogListenerFailed(logger, error, listener.GetType().Name);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pod restart listener {Listener} failed")]
    private static partial void LogListenerFailed(ILogger logger, Exception error, string listener);
}
