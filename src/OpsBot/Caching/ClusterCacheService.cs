using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpsBot.Caching;

/// <summary>Runs every cluster's watch cache for the life of the host; a cache that stops on an error starts over.</summary>
public sealed partial class ClusterCacheService(IClusterCaches caches, TimeProvider timeProvider, ILogger<ClusterCacheService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(caches.All.Select(cache => KeepAsync(cache, stoppingToken)));

    private async Task KeepAsync(ClusterCache cache, CancellationToken stoppingToken)
    {
        // Off the start path: the host serves (from the API) while the caches fill.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await cache.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                LogFailed(logger, error, cache.ClusterName);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch cache of cluster {Cluster} failed; starting over")]
    private static partial void LogFailed(ILogger logger, Exception error, string cluster);
}
