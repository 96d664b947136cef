using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OpsBot.ClusterSim.Replays;

namespace OpsBot.Simulation;

/// <summary>
/// The recorded clusters <c>/drill start</c> can load: each folder (what <c>tools/dump-cluster.sh</c> writes) or
/// <c>*.yaml</c>/<c>*.yml</c>/<c>*.json</c> file directly in <c>Simulator:ReplayDirectory</c>, named after it (a
/// folder's name, a file's name without its extension). Read on every call, so a dump copied in is listed at once.
/// Only names that are valid drill names (lower-case letters, digits and dashes) are offered; others are ignored.
/// </summary>
public sealed partial class ReplayCatalog(IOptions<SimulatorOptions> options)
{
    private static readonly string[] DumpExtensions = [".yaml", ".yml", ".json"];

    /// <summary>Where replays are looked for, or null when none is configured.</summary>
    public string? Directory => options.Value.ReplayDirectory is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>The replays, by name.</summary>
    public IReadOnlyList<string> Names() => [.. Entries().Select(entry => entry.Name).Order(StringComparer.Ordinal)];

    /// <summary>Whether a replay is called <paramref name="name"/>.</summary>
    public bool Contains(string name) => Entries().Any(entry => entry.Name == name);

    /// <summary>Reads the replay called <paramref name="name"/>; null when there is none.</summary>
    /// <exception cref="FormatException">The dump holds malformed YAML or JSON (the message names the file).</exception>
    public ClusterDump? Read(string name) =>
        Entries().FirstOrDefault(entry => entry.Name == name) is { Path: { } path } ? ClusterDump.Read(path) : null;

    private IEnumerable<(string Name, string Path)> Entries()
    {
        if (Directory is not { } root || !System.IO.Directory.Exists(root))
        {
            yield break;
        }

        foreach (var folder in System.IO.Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(folder);
            if (ValidName().IsMatch(name))
            {
                yield return (name, folder);
            }
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(root))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (DumpExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) && ValidName().IsMatch(name))
            {
                yield return (name, file);
            }
        }
    }

    // The names /drill start accepts (ObjectName syntax), at most 63 characters.
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
