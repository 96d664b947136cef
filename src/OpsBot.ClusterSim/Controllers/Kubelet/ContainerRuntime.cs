namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>What the simulated container runtime knows about one container of a pod (the kubelet's memory, not the API's).</summary>
public sealed class ContainerRuntime(string name, ContainerKind kind = ContainerKind.Regular)
{
    public string Name { get; } = name;

    public ContainerKind Kind { get; } = kind;

    public ContainerStage Stage { get; set; } = ContainerStage.NeedImage;

    /// <summary>The image this container was (or is being) created from.</summary>
    public string Image { get; set; } = "";

    public bool ImagePulled { get; set; }

    public DateTimeOffset PullDoneAt { get; set; }

    public TimeSpan PullTook { get; set; }

    public TimeSpan PullBackOff { get; set; }

    public DateTimeOffset NextPullAt { get; set; }

    public (string Reason, string? Message)? Waiting { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public string ContainerId { get; set; } = "";

    public int RestartCount { get; set; }

    public bool EverStarted { get; set; }

    public TerminatedState? Terminated { get; set; }

    public TerminatedState? LastTerminated { get; set; }

    /// <summary>The kubelet's crash back-off for this container (0 = none yet).</summary>
    public TimeSpan CrashBackOff { get; set; }

    public DateTimeOffset CrashBackOffUpdatedAt { get; set; }

    public DateTimeOffset RestartAt { get; set; }

    /// <summary>When a repeated event (BackOff, config error) may be recorded again.</summary>
    public DateTimeOffset NextRepeatEventAt { get; set; }

    public IReadOnlyDictionary<string, string> Env { get; set; } = new Dictionary<string, string>();

    public int LivenessFailures { get; set; }

    /// <summary>Whether the startup probe has succeeded (true at once without one).</summary>
    public bool StartupSucceeded { get; set; }

    public int StartupFailures { get; set; }

    public DateTimeOffset NextStartupProbe { get; set; }

    public DateTimeOffset NextLivenessProbe { get; set; }

    public DateTimeOffset NextReadinessProbe { get; set; }

    public bool Ready { get; set; }

    public DateTimeOffset NextPeriodicLog { get; set; }

    public DateTimeOffset NextAccessLog { get; set; }

    public DateTimeOffset NextDbLog { get; set; }

    public DateTimeOffset NextCacheLog { get; set; }

    public long RequestsLogged { get; set; }

    public long CpuMillicores { get; set; }

    public long MemoryBytes { get; set; }

    /// <summary>Writable layer, logs and emptyDir writes of the current run.</summary>
    public long EphemeralBytes { get; set; }

    /// <summary>An init container that exited 0: done for good.</summary>
    public bool Completed => Stage == ContainerStage.Done && Terminated?.ExitCode == 0;
}
