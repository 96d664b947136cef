namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>How a connection to a Service fails: no such name, no ready endpoint (refused), no such port (timeout).</summary>
public enum ConnectFailureKind
{
    NotFound,
    Refused,
    Timeout,
}
