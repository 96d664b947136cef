using System.Collections.Concurrent;

namespace OpsBot.Kubernetes;

/// <summary>
/// A bounded intern pool for the strings cached objects repeat (namespaces, node names, images, label keys and values).
/// Unlike <see cref="string.Intern(string)"/> it stops growing at <see cref="Capacity"/>: a cluster that mints unique
/// label values (job controller uids) cannot make it hold them forever.
/// </summary>
internal static class StringPool
{
    public const int Capacity = 200_000;

    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static string? Get(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Pool.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        return Pool.Count >= Capacity ? value : Pool.GetOrAdd(value, value);
    }
}
