using Microsoft.Extensions.Options;
using OpsBot.ClusterObjects;
using OpsBot.Workflows;

namespace OpsBot.Authorization;

/// <summary>Checks <see cref="ChannelOptions"/> at start; each failure says what to fix.</summary>
public sealed class ChannelOptionsValidator : IValidateOptions<ChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Default is not null)
        {
            CheckPolicy(options.Default, "Channels:Default", failures);
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Items.Count; i++)
        {
            var channel = options.Items[i];
            var where = $"Channels:Items:{i}";
            if (channel is null || string.IsNullOrWhiteSpace(channel.Id) || channel.Id.IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                failures.Add($"{where} needs an Id \"platform:channel\", e.g. \"slack:C0123ABC\" or \"console:incident\".");
                continue;
            }

            if (!seen.Add(channel.Id))
            {
                failures.Add($"{where}: the channel \"{channel.Id}\" is listed twice; merge the entries.");
            }

            CheckPolicy(channel, $"{where} ({channel.Id})", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPolicy(ChannelPolicy policy, string where, List<string> failures)
    {
        foreach (var glob in policy.Namespaces ?? [])
        {
            if (!NamespaceGlob.IsValid(glob, out var reason))
            {
                failures.Add($"{where}:Namespaces has an invalid glob \"{glob}\": {reason}.");
            }
        }

        if (policy.DefaultNamespace is { } ns)
        {
            if (KubernetesNames.ValidateLabel(ns) is { } problem)
            {
                failures.Add($"{where}:DefaultNamespace \"{ns}\" is not a valid namespace name: {problem}.");
            }
            else if (!NamespaceGlob.MatchesAny(policy.Namespaces ?? [], ns))
            {
                failures.Add($"{where}:DefaultNamespace \"{ns}\" is not among the channel's Namespaces; add it there or pick another.");
            }
        }

        if (policy.Cluster is { Length: 0 })
        {
            failures.Add($"{where}:Cluster is empty; remove it or name a cluster.");
        }
    }
}
