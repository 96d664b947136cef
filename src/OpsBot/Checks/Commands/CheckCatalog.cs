namespace OpsBot.Checks;

/// <summary>The registered checks by name, and the answer for a name that is none of them.</summary>
public sealed class CheckCatalog(IEnumerable<ICheck> checks)
{
    public IReadOnlyList<ICheck> All { get; } = [.. checks.OrderBy(check => check.Name, StringComparer.Ordinal)];

    /// <summary>The check called <paramref name="name"/>, or a <see cref="Commands.CommandFailedException"/> that lists the known ones.</summary>
    public ICheck Find(string? name) =>
        All.FirstOrDefault(check => string.Equals(check.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new Commands.CommandFailedException($"There is no check called \"{Truncate(name)}\". Checks: {string.Join(", ", All.Select(check => check.Name))}; nothing was changed");

    private static string Truncate(string? name) => name is null ? string.Empty : name.Length > 40 ? name[..40] + "…" : name;
}
