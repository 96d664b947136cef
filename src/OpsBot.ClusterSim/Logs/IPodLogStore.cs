namespace OpsBot.ClusterSim.Logs;

/// <summary>
/// Container logs per pod and container, current run and previous run: what <c>kubectl logs</c> and
/// <c>kubectl logs --previous</c> read. The simulated kubelet appends lines and starts a new run on a restart.
/// </summary>
public interface IPodLogStore
{
    /// <summary>Appends a line to the current run (stamped with the clock's time when no timestamp is given).</summary>
    void Append(string ns, string pod, string container, string line, DateTimeOffset? timestamp = null);

    /// <summary>A container restarted: the current run becomes the previous one and a new, empty run starts.</summary>
    void StartNewRun(string ns, string pod, string container);

    /// <summary>The lines of the current (or previous) run; null when there is no such run.</summary>
    IReadOnlyList<PodLogLine>? Read(string ns, string pod, string container, bool previous = false);

    /// <summary>Forgets a pod's logs (the pod was deleted).</summary>
    void RemovePod(string ns, string pod);
}
