using System.Security.Cryptography;
using System.Text;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    /// <summary>One step of a container's lifecycle; instant transitions (image present → create → start) run in the same tick.</summary>
    private void SyncContainer(ContainerSync s)
    {
        ApplySpecChange(s);
        for (var step = 0; step < 6; step++)
        {
            var again = s.Container.Stage switch
            {
                ContainerStage.NeedImage => BeginImage(s),
                ContainerStage.Pulling => FinishPull(s),
                ContainerStage.PullFailed or ContainerStage.PullBackOff => WaitPullBackOff(s),
                ContainerStage.Creating => Create(s),
                ContainerStage.Running => Run(s),
                ContainerStage.Exited => AfterExit(s),
                ContainerStage.CrashBackOff => WaitCrashBackOff(s),
                _ => false,
            };
            if (!again)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The container's image changed in the pod spec (<c>kubectl set image</c> on a pod): a running container is
    /// killed and recreated from the new image at once; a waiting one pulls the new image now.
    /// </summary>
    private static void ApplySpecChange(ContainerSync s)
    {
        var c = s.Container;
        if (c.Image.Length == 0 || c.Image == s.SpecImage || c.Stage is ContainerStage.NeedImage or ContainerStage.Pulling or ContainerStage.Done)
        {
            return;
        }

        if (c.Stage == ContainerStage.Running)
        {
            s.Event("Normal", "Killing", $"Container {c.Name} definition changed, will be restarted");
            Exit(s, "Error", 143);
            Restart(s);
        }
        else if (c.Stage is ContainerStage.Exited or ContainerStage.CrashBackOff)
        {
            Restart(s);
        }
        else
        {
            c.Stage = ContainerStage.NeedImage;
        }

        c.PullBackOff = TimeSpan.Zero;
        c.CrashBackOff = TimeSpan.Zero;
    }

    /// <summary>Generates the container's config (environment) and starts it, or reports CreateContainerConfigError.</summary>
    private bool Create(ContainerSync s)
    {
        var c = s.Container;
        var env = EnvResolver.Resolve(s.Context.Store, s.Pod, s.Spec);
        if (env.Error is { } error)
        {
            if (c.Waiting?.Reason != "CreateContainerConfigError" || s.Now >= c.NextRepeatEventAt)
            {
                s.Event("Warning", "Failed", $"Error: {error}");
                c.NextRepeatEventAt = s.Now + InitialBackOff;
            }

            c.Waiting = ("CreateContainerConfigError", error);
            return false;
        }

        c.Env = env.Variables;
        c.ContainerId = "containerd://" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{s.PodRuntime.Uid}/{c.Name}/{c.RestartCount}")));
        s.Event("Normal", "Created", $"Created container: {c.Name}");
        s.Event("Normal", "Started", $"Started container {c.Name}");
        c.Stage = ContainerStage.Running;
        c.Waiting = null;
        c.StartedAt = s.Now;
        c.EverStarted = true;
        c.Ready = false;
        c.LivenessFailures = 0;
        c.StartupFailures = 0;
        c.EphemeralBytes = s.Behavior.EphemeralStorageBaseBytes;
        var startup = ProbeSpec.Parse(s.Spec["startupProbe"], s.Spec, s.PodRuntime.Ip);
        c.StartupSucceeded = startup is null;
        c.NextStartupProbe = s.Now + TimeSpan.FromSeconds(startup?.InitialDelaySeconds ?? 0);
        var liveness = ProbeSpec.Parse(s.Spec["livenessProbe"], s.Spec, s.PodRuntime.Ip);
        var readiness = ProbeSpec.Parse(s.Spec["readinessProbe"], s.Spec, s.PodRuntime.Ip);
        c.NextLivenessProbe = s.Now + TimeSpan.FromSeconds(liveness?.InitialDelaySeconds ?? 0);
        c.NextReadinessProbe = s.Now + TimeSpan.FromSeconds(readiness?.InitialDelaySeconds ?? 0);
        c.NextPeriodicLog = s.Now + (s.Behavior.LogEvery ?? TimeSpan.Zero);
        c.NextAccessLog = s.Now + AccessLogInterval;
        foreach (var line in s.Behavior.StartLog)
        {
            s.Log(line);
        }

        return false;
    }

    /// <summary>The container stopped: it shows as terminated for this tick.</summary>
    private static void Exit(ContainerSync s, string reason, int exitCode)
    {
        var c = s.Container;
        c.Terminated = new TerminatedState(reason, exitCode, c.StartedAt ?? s.Now, s.Now, c.ContainerId);
        c.Stage = ContainerStage.Exited;
        c.Ready = false;
        c.CpuMillicores = 0;
        c.MemoryBytes = 0;
        c.EphemeralBytes = 0;
    }

    /// <summary>
    /// The kubelet's restart decision (kuberuntime doBackOff): the first failure restarts at once and starts a
    /// 10 s back-off; later failures wait out the back-off, which doubles at each restart up to 5 min. A
    /// container that ran more than 10 min since the last restart starts over.
    /// </summary>
    private bool AfterExit(ContainerSync s)
    {
        var c = s.Container;
        var terminated = c.Terminated!;
        if (s.RestartPolicy == "Never" || (s.RestartPolicy == "OnFailure" && terminated.ExitCode == 0))
        {
            c.Stage = ContainerStage.Done;
            return false;
        }

        var expired = terminated.FinishedAt - c.CrashBackOffUpdatedAt > 2 * MaxBackOff;
        if (c.CrashBackOff == TimeSpan.Zero || expired)
        {
            c.CrashBackOff = InitialBackOff;
            c.CrashBackOffUpdatedAt = s.Now;
            Restart(s);
            return true;
        }

        c.RestartAt = terminated.FinishedAt + c.CrashBackOff;
        c.Stage = ContainerStage.CrashBackOff;
        c.NextRepeatEventAt = s.Now;
        return WaitCrashBackOff(s);
    }

    private bool WaitCrashBackOff(ContainerSync s)
    {
        var c = s.Container;
        if (s.Now >= c.RestartAt)
        {
            c.CrashBackOff = Min(c.CrashBackOff * 2, MaxBackOff);
            c.CrashBackOffUpdatedAt = s.Now;
            Restart(s);
            return true;
        }

        c.Waiting = ("CrashLoopBackOff", $"back-off {DurationText.Go(c.CrashBackOff)} restarting failed container={c.Name} pod={s.PodRuntime.Display}");
        if (s.Now >= c.NextRepeatEventAt)
        {
            s.Event("Warning", "BackOff", $"Back-off restarting failed container {c.Name} in pod {s.PodRuntime.Display}");
            c.NextRepeatEventAt = s.Now + InitialBackOff;
        }

        return false;
    }

    private static void Restart(ContainerSync s)
    {
        var c = s.Container;
        c.LastTerminated = c.Terminated;
        c.Terminated = null;
        c.RestartCount++;
        c.StartedAt = null;
        s.Context.Logs.StartNewRun(s.PodRuntime.Namespace, s.PodRuntime.Name, c.Name);
        c.Stage = ContainerStage.NeedImage;
    }
}
