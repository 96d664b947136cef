using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// One probe run against a simulated app: nothing listening on the port (not started yet, or a port the app does not
/// listen on) is "connection refused", an answer slower than the timeout is a timeout, a path the app does not serve
/// is a 404, an exec command fails with its exit code and output.
/// </summary>
public sealed record ProbeResult(bool Success, string Output)
{
    private static readonly ProbeResult Passed = new(true, "");

    public static ProbeResult Run(ProbeSpec probe, WorkloadBehavior behavior, JsonObject container, TimeSpan sinceStart)
    {
        var started = behavior.IsStarted(sinceStart);
        var slow = behavior.ResponseMs >= probe.TimeoutSeconds * 1000.0;
        if (probe.Kind == "exec")
        {
            if (slow)
            {
                return new(false, probe.TimeoutOutput());
            }

            return started && behavior.ExecProbeExitCode == 0 ? Passed : new(false, behavior.ExecProbeOutput);
        }

        if (!started || !Listens(behavior, container, probe.Port))
        {
            return new(false, probe.RefusedOutput());
        }

        if (slow)
        {
            return new(false, probe.TimeoutOutput());
        }

        if (probe.Kind == "http" && behavior.HttpPaths is { } paths && !paths.Contains(PathOnly(probe.Path)))
        {
            return new(false, ProbeSpec.StatusOutput(404));
        }

        return Passed;
    }

    /// <summary>The app listens on its declared ports (or <c>listen-ports</c>); a container that declares none answers on any.</summary>
    public static bool Listens(WorkloadBehavior behavior, JsonObject container, int? port)
    {
        var ports = behavior.ListenPorts ?? DeclaredPorts(container);
        return ports.Count == 0 || (port is { } p && ports.Contains(p));
    }

    private static HashSet<int> DeclaredPorts(JsonObject container) =>
        [.. (container["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p => Store.ObjectMeta.Int64(p["containerPort"]) ?? -1).Where(p => p > 0).Select(p => (int)p)];

    private static string PathOnly(string path)
    {
        var query = path.IndexOfAny(['?', '#']);
        return query < 0 ? path : path[..query];
    }
}
