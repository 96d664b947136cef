namespace OpsBot.Commands;

/// <summary>The flags every command gets: <c>--cluster</c>, and for namespaced ones <c>-n</c> (and <c>-A</c>).</summary>
public static class CommonFlags
{
    public const string Cluster = "cluster";
    public const string Namespace = "namespace";
    public const string AllNamespaces = "all-namespaces";

    public static FlagDefinition ClusterFlag { get; } = new(Cluster, ValueKind.ClusterName, "The cluster to ask (default: the channel's, else the bot's default).") { ValueName = "NAME" };

    public static FlagDefinition NamespaceFlag { get; } = new(Namespace, ValueKind.Namespace, "The namespace (default: the channel's default namespace).") { Short = 'n', ValueName = "NAMESPACE" };

    public static FlagDefinition AllNamespacesFlag { get; } = new(AllNamespaces, ValueKind.Boolean, "Every namespace you and this channel may see.") { Short = 'A' };

    public static IEnumerable<FlagDefinition> For(CommandDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Scope == CommandScope.Namespaced)
        {
            yield return NamespaceFlag;
            if (definition.AllowsAllNamespaces)
            {
                yield return AllNamespacesFlag;
            }
        }

        yield return ClusterFlag;
    }
}
