namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    private static readonly TimeSpan AccessLogInterval = TimeSpan.FromSeconds(5);

    /// <summary>A running container's tick: planned exit or crash, memory (OOM kill), probes, usage and logs.</summary>
    private bool Run(ContainerSync s)
    {
        var c = s.Container;
        var b = s.Behavior;
        var since = s.Now - c.StartedAt!.Value;
        if (since >= b.CrashAfter && PlannedExit(s) is { } exit)
        {
            foreach (var line in exit.Lines)
            {
                s.Log(line);
            }

            Exit(s, exit.Code == 0 ? "Completed" : "Error", exit.Code); // the runtime's reason for a clean exit
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
        c.EphemeralBytes = b.EphemeralStorageBytes(since);
        WriteLogs(s, demand / cap);
        return false;
    }

    /// <summary>
    /// Whether the process exits now (<c>crash-after</c> since it started), with its exit code and last lines: a
    /// missing required variable; a <c>connects-to</c> target that does not answer (only then do the crash annotations
    /// apply, with <c>${error}</c> in the crash log replaced by the connection error; when every target answers, an init
    /// container or a batch pod's container finishes its work and exits 0); the declared crash; an init container's clean
    /// exit when its work is done.
    /// </summary>
    private static (int Code, IReadOnlyList<string> Lines)? PlannedExit(ContainerSync s)
    {
        var b = s.Behavior;
        if (b.RequiredEnv.FirstOrDefault(name => !s.Container.Env.ContainsKey(name)) is { } missing)
        {
            return (b.CrashExitCode is { } code and not 0 ? code : 1, [.. b.CrashLog, $"Error: missing required environment variable {missing}"]);
        }

        if (b.ConnectsTo.Count > 0)
        {
            var error = b.ConnectsTo
                .Select(token => ConnectTarget.Resolve(token, s.Container.Env))
                .OfType<ConnectTarget>()
                .Select(target => ServiceReachability.Check(s.Context.Store, s.PodRuntime.Namespace, target))
                .FirstOrDefault(e => e is not null)?.Text(b.ConnectErrorStyle);
            if (error is not null)
            {
                var lines = b.CrashLog.Select(l => l.Replace("${error}", error, StringComparison.Ordinal)).ToList();
                if (!b.CrashLog.Any(l => l.Contains("${error}", StringComparison.Ordinal)))
                {
                    lines.Add($"Error: {error}");
                }

                return (b.CrashExitCode is { } code and not 0 ? code : 1, lines);
            }

            // The dependency answers: an init container or a batch pod (restartPolicy Never/OnFailure) does its work and exits 0.
            return s.Container.Kind == ContainerKind.Init || (s.Container.Kind == ContainerKind.Regular && s.PodRestartPolicy != "Always") ? (0, []) : null;
        }

        if (b.CrashExitCode is { } exitCode)
        {
            return (exitCode, b.CrashLog);
        }

        // An init container does its work and exits 0.
        return s.Container.Kind == ContainerKind.Init ? (0, b.CrashLog) : null;
    }

    /// <summary>
    /// Startup, liveness and readiness probes (liveness and readiness wait for the startup probe to succeed); a probe
    /// fails when the app is not listening on its port yet or at all, answers slower than the timeout, answers 404 for
    /// the path, or its exec command fails. Returns false when the container was killed.
    /// </summary>
    private static bool Probe(ContainerSync s, TimeSpan since)
    {
        var c = s.Container;
        if (!c.StartupSucceeded)
        {
            if (ProbeSpec.Parse(s.Spec["startupProbe"], s.Spec, s.PodRuntime.Ip) is not { } startup)
            {
                c.StartupSucceeded = true;
            }
            else if (s.Now >= c.NextStartupProbe)
            {
                c.NextStartupProbe = s.Now + TimeSpan.FromSeconds(startup.PeriodSeconds);
                var result = ProbeResult.Run(startup, s.Behavior, s.Spec, since);
                if (result.Success)
                {
                    c.StartupSucceeded = true;
                    c.NextLivenessProbe = s.Now;
                    c.NextReadinessProbe = s.Now;
                }
                else
                {
                    c.StartupFailures++;
                    s.Event("Warning", "Unhealthy", $"Startup probe failed: {result.Output}");
                    if (c.StartupFailures >= startup.FailureThreshold)
                    {
                        s.Event("Normal", "Killing", $"Container {c.Name} failed startup probe, will be restarted");
                        Exit(s, "Error", 143);
                        return false;
                    }
                }
            }

            if (!c.StartupSucceeded)
            {
                c.Ready = false;
                return true;
            }
        }

        if (ProbeSpec.Parse(s.Spec["livenessProbe"], s.Spec, s.PodRuntime.Ip) is { } liveness && s.Now >= c.NextLivenessProbe)
        {
            c.NextLivenessProbe = s.Now + TimeSpan.FromSeconds(liveness.PeriodSeconds);
            var result = ProbeResult.Run(liveness, s.Behavior, s.Spec, since);
            if (result.Success)
            {
                c.LivenessFailures = 0;
            }
            else
            {
                c.LivenessFailures++;
                s.Event("Warning", "Unhealthy", $"Liveness probe failed: {result.Output}");
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
            c.Ready = c.Kind != ContainerKind.Init; // no readiness probe: ready once running (an init container once it completed)
        }
        else if (s.Now >= c.NextReadinessProbe)
        {
            c.NextReadinessProbe = s.Now + TimeSpan.FromSeconds(readiness.PeriodSeconds);
            var result = ProbeResult.Run(readiness, s.Behavior, s.Spec, since);
            c.Ready = result.Success;
            if (!c.Ready)
            {
                s.Event("Warning", "Unhealthy", $"Readiness probe failed: {result.Output}");
            }
        }

        return true;
    }
}
