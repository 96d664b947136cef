using System.ComponentModel.DataAnnotations;

namespace OpsBot.Triage;

/// <summary><c>/triage</c> settings, bound from the <c>Triage</c> section (all optional).</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Triage";

    /// <summary>How many calls to the cluster run at once.</summary>
    /// <value>The default is 8.</value>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// How many log reads run at once, beside the other calls (<see cref="MaxConcurrency"/>). A namespace of 1,000
    /// workloads takes ~1,000 small reads, each a round trip the API server relays to a kubelet: against a real cluster
    /// (waiting on kubelets, not on CPU) more at once pays; against the simulator on two loaded cores 16 and 32 measured
    /// no better than 8 (docs/BENCHMARKS.md), so the default stays at the old shared bound.
    /// </summary>
    /// <value>The default is 8.</value>
    [Range(1, 64)]
    public int MaxLogConcurrency { get; set; } = 8;

    /// <summary>How long one call may take before its data is reported missing.</summary>
    /// <value>The default is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Items per list page (pods, events, ReplicaSets).</summary>
    /// <value>The default is 1,000.</value>
    [Range(50, 5000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>Lines read from the end of a failing container's log (current and previous run).</summary>
    /// <value>The default is 100.</value>
    [Range(5, 2000)]
    public int FailingLogLines { get; set; } = 100;

    /// <summary>Lines read from the end of a sampled healthy pod's log (error rates, connection errors).</summary>
    /// <value>The default is 200.</value>
    [Range(10, 5000)]
    public int SampledLogLines { get; set; } = 200;

    /// <summary>The most failing containers whose logs are read.</summary>
    /// <value>The default is 30.</value>
    [Range(0, 500)]
    public int MaxFailingContainers { get; set; } = 30;

    /// <summary>
    /// The most workloads of which one running pod's log is sampled (recent rollouts, restarts and HPAs first): log-only
    /// problems (connection pools, Redis, 5xx) show nowhere else. <see cref="LogSamplingBudget"/> bounds the time.
    /// </summary>
    /// <value>The default is 1000.</value>
    [Range(0, 10000)]
    public int MaxSampledWorkloads { get; set; } = 1000;

    /// <summary>
    /// How long after the log reads begin sampled reads may still start; the rest are skipped and reported missing.
    /// Failing containers' logs are always read. About 1,000 sampled logs fit in 0.1 s against the simulator; a real
    /// API server relays each read to a kubelet, so fewer fit.
    /// </summary>
    /// <value>The default is 1.5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan LogSamplingBudget { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The most bytes read of one log.</summary>
    /// <value>The default is 128 KiB.</value>
    [Range(4096, 4 * 1024 * 1024)]
    public int LogLimitBytes { get; set; } = 128 * 1024;
}
