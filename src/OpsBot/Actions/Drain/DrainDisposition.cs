namespace OpsBot.Actions.Drain;

/// <summary>What <c>kubectl drain</c> does with a pod on the node.</summary>
public enum DrainDisposition
{
    /// <summary>Evicted: a controller (ReplicaSet, StatefulSet, Job…) recreates it elsewhere.</summary>
    Evict,

    /// <summary>Left alone: its DaemonSet would put it straight back (kubectl's --ignore-daemonsets).</summary>
    DaemonSet,

    /// <summary>Left alone: a static pod's mirror, owned by the kubelet, not the API.</summary>
    Mirror,

    /// <summary>Left alone: already Succeeded or Failed.</summary>
    Finished,

    /// <summary>Already being deleted.</summary>
    Terminating,

    /// <summary>No controller would recreate it: kubectl refuses without --force.</summary>
    Unmanaged,
}
