using OpsBot.ClusterSim.Api;

namespace OpsBot.ClusterSim.Hosting;

/// <summary>How a <see cref="ClusterSimulator"/> serves.</summary>
public sealed record ClusterSimulatorOptions
{
    /// <summary>The loopback port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a CA the simulator generates (default true); false serves plain HTTP.</summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>
    /// Require a bearer token on every request. Default (null): with HTTPS only, because kubectl (client-go) does
    /// not send bearer tokens over plain HTTP; set true to require it on HTTP too (OpsBot's client sends it).
    /// </summary>
    public bool? RequireToken { get; init; }

    /// <summary>Whether a token is required, after defaulting.</summary>
    public bool TokenRequired => RequireToken ?? UseHttps;

    /// <summary>The token to require; null makes a random one.</summary>
    public string? Token { get; init; }

    /// <summary>The virtual clock's start; null starts at the real current time.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Virtual seconds per real second (default 1).</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>
    /// Seed of the fault injector's random draws (<see cref="Faults.FaultRule.ErrorRate"/>): the same seed and the same
    /// calls in the same order fail alike, so a fault drill can be run again. Null: a new draw every run.
    /// </summary>
    public int? FaultSeed { get; init; }

    /// <summary>The scenario named on the command line (remembered for the scenario engine).</summary>
    public string? Scenario { get; init; }

    /// <summary>
    /// Whether controllers run in the background as the clock flows (with <see cref="Speed"/> &gt; 0).
    /// Off: a recorded cluster state is served exactly as loaded. With <see cref="Speed"/> = 0 they run
    /// only when stepped (<c>Engine.AdvanceAsync</c>).
    /// </summary>
    public bool ControllersEnabled { get; init; } = true;

    /// <summary>
    /// Whether the simulated kubelet runs the pods bound to nodes (default true). False leaves pod status to
    /// whoever writes it — for controller tests that drive readiness and usage themselves; the other
    /// controllers still run.
    /// </summary>
    public bool SimulatedKubelet { get; init; } = true;

    /// <summary>How many changes the store keeps for resuming watches (default 10,000).</summary>
    public int HistoryCapacity { get; init; } = 10_000;

    /// <summary>Create the namespaces every cluster has: default, kube-system, kube-public, kube-node-lease (default true).</summary>
    public bool CreateDefaultNamespaces { get; init; } = true;

    /// <summary>
    /// Create the default RBAC objects every cluster has (default true): the ClusterRoles cluster-admin,
    /// system:discovery, system:public-info-viewer and system:basic-user with their ClusterRoleBindings.
    /// </summary>
    public bool CreateDefaultRbac { get; init; } = true;

    public ApiServerOptions Api { get; init; } = new();
}
