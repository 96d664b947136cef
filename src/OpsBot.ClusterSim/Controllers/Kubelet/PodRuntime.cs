namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>The kubelet's view of one pod it runs: its sandbox (IP, start time) and its containers.</summary>
public sealed class PodRuntime(string ns, string name, string uid, string node, string ip, DateTimeOffset startTime)
{
    public string Namespace { get; } = ns;

    public string Name { get; } = name;

    public string Uid { get; } = uid;

    public string Node { get; } = node;

    public string Ip { get; } = ip;

    public DateTimeOffset StartTime { get; } = startTime;

    public Dictionary<string, ContainerRuntime> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether every container is ready (as of the last sync).</summary>
    public bool Ready => Containers.Count > 0 && Containers.Values.All(c => c.Ready);

    /// <summary><c>name_namespace(uid)</c>: how the kubelet names a pod in messages.</summary>
    public string Display => $"{Name}_{Namespace}({Uid})";
}
