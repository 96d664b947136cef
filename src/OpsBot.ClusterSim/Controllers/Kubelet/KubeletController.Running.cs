namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    private static readonly TimeSpan AccessLogInterval = TimeSpan.FromSeconds(5);

    /// <summary>A running container's tick: planned crash, memory (OOM kill), probes, usage and logs.</summary>
    private bool Run(ContainerSync s)
    {
        var c = s.Container;
        var b = s.Behavior;
        var since = s.Now - c.StartedAt!.Value;
        var missing = b.RequiredEnv.FirstOrDefault(name => !c.Env.ContainsKey(name));
        if ((missing is not null || b.CrashExitCode is not null) && since >= b.CrashAfter)
        {
            foreach (var line in b.CrashLog)
            {
                s.Log(line);
            }

            if (missing is not null)
            {
                s.Log($"Error: missing required environment variable {missing}");
            }

            var exitCode = missing is not null ? b.CrashExitCode ?? 1 : b.CrashExitCode!.Value;
            Exit(s, exitCode == 0 ? "Completed" : "Error", exitCode); // the runtime's reason for a clean exit
            return false;
        }

        var memory = b.MemoryBytes(since);
        if (s.MemoryLimitBytes is { } limit && memory > limit)
        {
            foreach (var line in OutOfMemoryLogs.For(b.OomLog, limit, (long)since.TotalMilliseconds))
            {
                s.Log(line);
            }

            Exit(s, "OOMKilled", 137);
            return false;
        }

        if (!Probe(s, since))
        {
            return false;
        }

        var demand = b.IsStarted(since) ? b.CpuDemandMillicores(c.Ready ? s.RequestsPerSecond : 0) : b.CpuBaseMillicores;
        var cap = Math.Max(1, s.CpuCapMillicores);
        c.CpuMillicores = (long)Math.Round(Math.Min(demand, cap));
        c.MemoryBytes = memory;
        WriteLogs(s, demand / cap);
        return false;
    }

    /// <summary>Liveness and readiness: the app answers in <c>response-ms</c> once started; a probe whose timeout is shorter fails.</summary>
    private static bool Probe(ContainerSync s, TimeSpan since)
    {
        var c = s.Container;
        var b = s.Behavior;
        var listening = b.IsStarted(since);
        bool Passes(ProbeSpec p) => listening && b.ResponseMs < p.TimeoutSeconds * 1000.0;

        if (ProbeSpec.Parse(s.Spec["livenessProbe"], s.Spec, s.PodRuntime.Ip) is { } liveness && s.Now >= c.NextLivenessProbe)
        {
            c.NextLivenessProbe = s.Now + TimeSpan.FromSeconds(liveness.PeriodSeconds);
            if (Passes(liveness))
            {
                c.LivenessFailures = 0;
            }
            else
            {
                c.LivenessFailures++;
                s.Event("Warning", "Unhealthy", $"Liveness probe failed: {liveness.FailureOutput(listening)}");
                if (c.LivenessFailures >= liveness.FailureThreshold)
                {
                    s.Event("Normal", "Killing", $"Container {c.Name} failed liveness probe, will be restarted");
                    Exit(s, "Error", 143); // SIGTERM, handled: 128 + 15
                    return false;
                }
            }
        }

        if (ProbeSpec.Parse(s.Spec["readinessProbe"], s.Spec, s.PodRuntime.Ip) is not { } readiness)
        {
            c.Ready = true; // no readiness probe: ready once running
        }
        else if (s.Now >= c.NextReadinessProbe)
        {
            c.NextReadinessProbe = s.Now + TimeSpan.FromSeconds(readiness.PeriodSeconds);
            c.Ready = Passes(readiness);
            if (!c.Ready)
            {
                s.Event("Warning", "Unhealthy", $"Readiness probe failed: {readiness.FailureOutput(listening)}");
            }
        }

        return true;
    }
}
