namespace OpsBot.Kubernetes.Config;

/// <summary>Reads kubeconfig files and merges several of them the way kubectl merges <c>KUBECONFIG</c>.</summary>
public static class KubeConfigLoader
{
    /// <summary>Reads one kubeconfig file; relative paths in it resolve against its folder.</summary>
    /// <exception cref="KubeConfigException">The file is missing, unreadable or not a kubeconfig.</exception>
    public static K8SConfiguration LoadFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException(
                $"Cannot read the kubeconfig file '{fullPath}': {e.Message} Check the path (KUBECONFIG or --kubeconfig) and its permissions.", e);
        }

        return KubeConfigYamlReader.Read(yaml, Path.GetDirectoryName(fullPath), fullPath);
    }

    /// <summary>
    /// Reads and merges the files that exist among <paramref name="paths"/> (missing ones are ignored,
    /// as kubectl ignores them in <c>KUBECONFIG</c>). Null when none exists.
    /// </summary>
    public static K8SConfiguration? LoadFiles(IEnumerable<string> paths)
    {
        var existing = paths.Where(File.Exists).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        return existing.Count == 0 ? null : Merge(existing.Select(LoadFile));
    }

    /// <summary>Reads kubeconfig YAML given as text; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static K8SConfiguration LoadFromString(string yaml, string? baseDirectory = null) =>
        KubeConfigYamlReader.Read(yaml, baseDirectory, sourceFile: null);

    /// <summary>
    /// Merges configurations in precedence order: the first to define a cluster, user or context (by
    /// name) wins, and so does the first non-empty <c>current-context</c>.
    /// https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#merging-kubeconfig-files
    /// </summary>
    public static K8SConfiguration Merge(IEnumerable<K8SConfiguration> configurations)
    {
        var list = configurations.ToList();
        return new K8SConfiguration
        {
            CurrentContext = list.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
            Clusters = FirstByName(list.SelectMany(c => c.Clusters), c => c.Name),
            Users = FirstByName(list.SelectMany(c => c.Users), u => u.Name),
            Contexts = FirstByName(list.SelectMany(c => c.Contexts), c => c.Name),
            FileNames = [.. list.SelectMany(c => c.FileNames)],
        };
    }

    private static List<T> FirstByName<T>(IEnumerable<T> entries, Func<T, string> name) =>
        [.. entries.DistinctBy(name, StringComparer.Ordinal)];
}
