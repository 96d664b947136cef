namespace OpsBot.Checks;

/// <summary>What an alert is about: the check, and the object by cluster, namespace, kind and name.</summary>
public sealed record AlertTarget(string Check, string Cluster, string Namespace, string Kind, string Name)
{
    /// <summary><c>cluster/namespace/kind/name</c>: the key of its state, what mutes match.</summary>
    public string Key => $"{Cluster}/{Namespace}/{Kind}/{Name}";
}
