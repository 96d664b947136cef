using Microsoft.Extensions.Options;

namespace OpsBot.Caching;

/// <summary>Refuses a <c>Kubernetes:Cache</c> section that cannot work, at start, saying what to fix.</summary>
public sealed class ClusterCacheOptionsValidator : IValidateOptions<ClusterCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxObjects < 100)
        {
            failures.Add($"Kubernetes:Cache:MaxObjects is {options.MaxObjects}; it must be at least 100 (or set Kubernetes:Cache:Enabled to false).");
        }

        if (options.ResyncInterval < TimeSpan.FromSeconds(10) || options.ResyncInterval > TimeSpan.FromHours(24))
        {
            failures.Add($"Kubernetes:Cache:ResyncInterval is {options.ResyncInterval}; it must be between 00:00:10 and 1.00:00:00.");
        }

        if (options.MaxStaleness < TimeSpan.FromSeconds(1) || options.MaxStaleness > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Kubernetes:Cache:MaxStaleness is {options.MaxStaleness}; it must be between 00:00:01 and 00:10:00.");
        }

        if (options.SyncWait < TimeSpan.Zero || options.SyncWait > TimeSpan.FromMinutes(2))
        {
            failures.Add($"Kubernetes:Cache:SyncWait is {options.SyncWait}; it must be between 00:00:00 and 00:02:00.");
        }

        if (options.WatchTimeout < TimeSpan.FromSeconds(10) || options.WatchTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"Kubernetes:Cache:WatchTimeout is {options.WatchTimeout}; it must be between 00:00:10 and 01:00:00.");
        }

        for (var i = 0; i < options.Namespaces.Count; i++)
        {
            if (!IsNamespaceName(options.Namespaces[i]))
            {
                failures.Add($"Kubernetes:Cache:Namespaces:{i} (\"{options.Namespaces[i]}\") is not a namespace name (lowercase letters, digits and '-', at most 63).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsNamespaceName(string? name) =>
        name is { Length: > 0 and <= 63 } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && name[0] != '-' && name[^1] != '-';
}
