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

    /// <summary>Regular and init containers by name (names are unique across both in a pod).</summary>
    public Dictionary<string, ContainerRuntime> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether every regular container and sidecar is ready (as of the last sync).</summary>
    public bool Ready
    {
        get
        {
            var serving = Containers.Values.Where(c => c.Kind != ContainerKind.Init).ToList();
            return serving.Count > 0 && serving.All(c => c.Ready);
        }
    }

    /// <summary>The pod's volumes are set up (its sandbox can start): false while a ConfigMap, Secret or claim is missing.</summary>
    public bool VolumesReady { get; set; }

    /// <summary>Every init container completed (and every sidecar started): the regular containers may start.</summary>
    public bool Initialized { get; set; }

    /// <summary>Since when the kubelet has waited for the volumes (for the 2-minute "Unable to attach or mount volumes" timeout).</summary>
    public DateTimeOffset? MountWaitSince { get; set; }

    public DateTimeOffset NextMountEvent { get; set; }

    public TimeSpan MountBackOff { get; set; }

    /// <summary><c>name_namespace(uid)</c>: how the kubelet names a pod in messages.</summary>
    public string Display => $"{Name}_{Namespace}({Uid})";
}
