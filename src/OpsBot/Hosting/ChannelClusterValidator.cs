using Microsoft.Extensions.Options;
using OpsBot.Authorization;
using OpsBot.Clusters;

namespace OpsBot.Hosting;

/// <summary>Checks at start that every channel's <c>Cluster</c> names a configured cluster.</summary>
public sealed class ChannelClusterValidator(IOptions<KubernetesOptions> kubernetes) : IValidateOptions<ChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var known = kubernetes.Value.ClusterNames;
        var failures = new List<string>();
        void Check(ChannelPolicy? policy, string where)
        {
            if (policy?.Cluster is { Length: > 0 } cluster && !known.Contains(cluster, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{where}:Cluster \"{cluster}\" is not a configured cluster; known clusters: {string.Join(", ", known)} (add it to Kubernetes:Contexts).");
            }
        }

        Check(options.Default, "Channels:Default");
        for (var i = 0; i < options.Items.Count; i++)
        {
            Check(options.Items[i], $"Channels:Items:{i} ({options.Items[i]?.Id})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
