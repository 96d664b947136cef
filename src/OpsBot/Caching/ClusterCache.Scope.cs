using k8s;
using OpsBot.Kubernetes;
using OpsBot.Workflows;

namespace OpsBot.Caching;

public sealed partial class ClusterCache
{
    /// <summary>
    /// The namespaces cached when the cluster is over the limit: <see cref="ClusterCacheOptions.Namespaces"/>, each
    /// channel's default namespace, and the namespaces its patterns match today (a pattern matching everything is left
    /// out: it would be the whole cluster). A namespace created later joins when the cache starts over.
    /// </summary>
    private async Task<IReadOnlyList<string>> CoveredAsync(IKubernetes kubernetes, CancellationToken cancellationToken)
    {
        var patterns = channelNamespaces.Where(pattern => !NamespaceGlob.MatchesAll(pattern)).ToList();
        var covered = new SortedSet<string>(options.Namespaces, StringComparer.Ordinal);
        covered.UnionWith(patterns.Where(pattern => !pattern.Contains('*', StringComparison.Ordinal)));
        if (patterns.Any(pattern => pattern.Contains('*', StringComparison.Ordinal)))
        {
            await foreach (var ns in kubernetes.Namespaces().ItemsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ns.Metadata?.Name is { } name && NamespaceGlob.MatchesAny(patterns, name))
                {
                    covered.Add(name);
                }
            }
        }

        return [.. covered];
    }
}
