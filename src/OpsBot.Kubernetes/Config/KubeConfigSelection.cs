namespace OpsBot.Kubernetes.Config;

/// <summary>The context chosen from a kubeconfig, with the cluster and user it names.</summary>
internal sealed record KubeConfigSelection(Context Context, Cluster Cluster, User? User)
{
    public static KubeConfigSelection Select(K8SConfiguration config, string? contextName)
    {
        var files = DescribeFiles(config);
        contextName = string.IsNullOrEmpty(contextName) ? config.CurrentContext : contextName;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeConfigException(
                $"No context selected: {files} sets no current-context. Run 'kubectl config use-context NAME' or pass a context name.");
        }

        var context = config.Contexts.FirstOrDefault(c => c.Name == contextName)
            ?? throw new KubeConfigException(
                $"Context '{contextName}' is not defined in {files}; defined contexts: {List(config.Contexts.Select(c => c.Name))}. Fix current-context or the context name.");

        var clusterName = context.ContextDetails.Cluster;
        if (string.IsNullOrEmpty(clusterName))
        {
            throw new KubeConfigException($"Context '{contextName}' ({Origin(context.SourceFile)}) names no cluster; set its 'cluster'.");
        }

        var cluster = config.Clusters.FirstOrDefault(c => c.Name == clusterName)
            ?? throw new KubeConfigException(
                $"Context '{contextName}' names cluster '{clusterName}', which is not defined in {files}; add it under 'clusters' or fix the context.");

        User? user = null;
        if (context.ContextDetails.User is { Length: > 0 } userName)
        {
            user = config.Users.FirstOrDefault(u => u.Name == userName)
                ?? throw new KubeConfigException(
                    $"Context '{contextName}' names user '{userName}', which is not defined in {files}; add it under 'users' or fix the context.");
        }

        return new KubeConfigSelection(context, cluster, user);
    }

    public static string Origin(string? sourceFile) => sourceFile is null ? "given as an object" : $"in '{sourceFile}'";

    private static string DescribeFiles(K8SConfiguration config) =>
        config.FileNames.Count == 0 ? "the given kubeconfig" : $"kubeconfig {string.Join(", ", config.FileNames.Select(f => $"'{f}'"))}";

    private static string List(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "(none)";
}
