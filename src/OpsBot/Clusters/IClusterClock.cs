using k8s;

namespace OpsBot.Clusters;

/// <summary>
/// The clock a cluster stamps its objects with, when it is not the bot's own: the embedded simulator runs
/// on a virtual clock that drills move ahead. Handlers compute ages and "since" windows on it
/// (the command context's <c>Time</c>), so a pod created in simulated time is not "from the future".
/// </summary>
public interface IClusterClock
{
    /// <summary>The cluster's own clock, or null when it keeps real time.</summary>
    TimeProvider? For(IKubernetes client);
}
