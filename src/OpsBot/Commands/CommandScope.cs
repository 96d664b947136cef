namespace OpsBot.Commands;

/// <summary>Whether a command works in a namespace (<c>-n</c>, <c>-A</c>) or on cluster-scoped objects (nodes).</summary>
public enum CommandScope
{
    Namespaced,
    Cluster,
}
