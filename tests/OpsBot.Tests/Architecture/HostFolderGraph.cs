using System.Text.RegularExpressions;

namespace OpsBot.Tests.Architecture;

/// <summary>
/// Which top-level folders of the host name which others' namespaces (see <see cref="FolderDependencyTests"/>). A folder
/// names another when any of its files mentions <c>OpsBot.Other</c> or a namespace nested in it (<c>OpsBot.Chat.Delivery</c>
/// counts as Chat) outside its own namespace line: in a using, a qualified name, or a doc comment's cref alike.
/// </summary>
internal sealed partial class HostFolderGraph
{
    private readonly Dictionary<string, SortedDictionary<string, SortedSet<string>>> _edges;

    private HostFolderGraph(Dictionary<string, SortedDictionary<string, SortedSet<string>>> edges) => _edges = edges;

    /// <summary>Each folder's targets, and for each target the files (relative to the host) that name it.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, SortedSet<string>>> Edges => _edges;

    public static HostFolderGraph Read(string hostDirectory)
    {
        var folders = Folders(hostDirectory).ToHashSet(StringComparer.Ordinal);
        var edges = folders.ToDictionary(folder => folder, _ => new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in SourceFiles(Path.Combine(hostDirectory, folder)))
            {
                // The file's own namespace line names its folder, not a dependency.
                var text = NamespaceLine().Replace(File.ReadAllText(file), string.Empty);
                foreach (Match match in NamespaceReference().Matches(text))
                {
                    var target = match.Groups[1].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        if (!edges[folder].TryGetValue(target, out var files))
                        {
                            edges[folder][target] = files = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        files.Add(Path.GetRelativePath(hostDirectory, file).Replace('\\', '/'));
                    }
                }
            }
        }

        return new HostFolderGraph(edges);
    }

    /// <summary>The top-level folders that hold C# sources (bin and obj are build output).</summary>
    public static IEnumerable<string> Folders(string hostDirectory) =>
        Directory.GetDirectories(hostDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj") && SourceFiles(Path.Combine(hostDirectory, name)).Any())
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    /// <summary>Every loop, each once, as the folders around it (the first repeated at the end).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Loops()
    {
        var loops = new List<IReadOnlyList<string>>();
        foreach (var start in _edges.Keys.Order(StringComparer.Ordinal))
        {
            Walk(start, start, [start], loops);
        }

        return loops;
    }

    /// <summary>One line per loop, each step with a file that makes it: "Chat -> Storage -> Chat (Chat/X.cs names Storage; …)".</summary>
    public string Describe(IReadOnlyList<string> loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var steps = loop.Zip(loop.Skip(1), (from, to) => $"{_edges[from][to].First()} names {to}");
        return string.Join(" -> ", loop) + " (" + string.Join("; ", steps) + ")";
    }

    // A loop is reported from its alphabetically smallest folder (only larger folders are walked), so each appears once.
    private void Walk(string start, string current, List<string> path, List<IReadOnlyList<string>> loops)
    {
        foreach (var next in _edges[current].Keys)
        {
            if (next == start)
            {
                loops.Add([.. path, start]);
            }
            else if (string.CompareOrdinal(next, start) > 0 && !path.Contains(next))
            {
                path.Add(next);
                Walk(start, next, path, loops);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    [GeneratedRegex(@"^\s*namespace\s+[\w.]+\s*;?", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\bOpsBot\.(\w+)")]
    private static partial Regex NamespaceReference();
}
