namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// The workload-behaviour vocabulary: annotations (on the pod template) that say how a simulated container
/// behaves. <c>sim.opsbot.io/KEY</c> applies to the container named by <see cref="Container"/> (default: the first);
/// <c>NAME.sim.opsbot.io/KEY</c> applies to the container (or init container) NAME and wins over the former.
/// Documented in docs/CLUSTERSIM.md, "Workload behaviour".
/// </summary>
public static class WorkloadAnnotations
{
    public const string Prefix = "sim.opsbot.io/";

    /// <summary>What follows a container name in a per-container key: <c>log-shipper.sim.opsbot.io/crash-exit-code</c>.</summary>
    public const string PerContainerSuffix = ".sim.opsbot.io/";
    public const string Container = Prefix + "container";
    public const string MemoryBase = Prefix + "memory-base";
    public const string MemoryLeakPerMinute = Prefix + "memory-leak-per-minute";
    public const string MemoryPlateau = Prefix + "memory-plateau";
    public const string OomLog = Prefix + "oom-log";
    public const string CrashExitCode = Prefix + "crash-exit-code";
    public const string CrashAfter = Prefix + "crash-after";
    public const string CrashLog = Prefix + "crash-log";
    public const string RequiresEnv = Prefix + "requires-env";
    public const string StartupSeconds = Prefix + "startup-seconds";
    public const string ResponseMs = Prefix + "response-ms";
    public const string CpuBaseMillicores = Prefix + "cpu-base-millicores";
    public const string CpuPerRequestMillicores = Prefix + "cpu-per-request-millicores";
    public const string RequestsPerSecond = Prefix + "requests-per-second";
    public const string RequestPath = Prefix + "request-path";
    public const string ErrorRate = Prefix + "error-rate";
    public const string StartLog = Prefix + "start-log";
    public const string LogEvery = Prefix + "log-every";
    public const string LogLines = Prefix + "log-lines";

    /// <summary>The database Service a client opens connections to (with <see cref="DbPoolSize"/>).</summary>
    public const string DbService = Prefix + "db-service";
    public const string DbPoolSize = Prefix + "db-pool-size";
    public const string DbPoolMax = Prefix + "db-pool-max";
    public const string DbConnectionLeakPerMinute = Prefix + "db-connection-leak-per-minute";

    /// <summary>On a database Service: how many connections it accepts in total.</summary>
    public const string MaxConnections = Prefix + "max-connections";

    /// <summary>Lines a client or database logs every <see cref="LogEvery"/> (default 10 s) while the database is out of connections.</summary>
    public const string DbExhaustedLog = Prefix + "db-exhausted-log";

    /// <summary>
    /// On a cache server (Redis): the data its clients want cached. It holds up to its <c>--maxmemory</c> argument (all of
    /// it without one) on top of <see cref="MemoryBase"/>; with <c>--maxmemory-policy noeviction</c> (Redis' default) and
    /// more data than that, writes fail.
    /// </summary>
    public const string CacheDataset = Prefix + "cache-dataset";

    /// <summary>On a client: the Service of its cache; while that cache refuses writes it answers in <see cref="CacheMissResponseMs"/>.</summary>
    public const string CacheService = Prefix + "cache-service";

    /// <summary>A client's response time while its cache is full (it falls back to the database).</summary>
    public const string CacheMissResponseMs = Prefix + "cache-miss-response-ms";

    /// <summary>Lines the cache server and its clients log every <see cref="LogEvery"/> (default 10 s) while the cache is full.</summary>
    public const string CacheFullLog = Prefix + "cache-full-log";

    /// <summary>Comma-separated images in which the declared faults are fixed: a container running one behaves healthily.</summary>
    public const string FaultsFixedIn = Prefix + "faults-fixed-in";

    /// <summary>Ports the app listens on (comma-separated numbers); default: the container's declared ports (any port when none).</summary>
    public const string ListenPorts = Prefix + "listen-ports";

    /// <summary>HTTP paths the app serves (comma-separated); others answer 404. Default: every path.</summary>
    public const string HttpPaths = Prefix + "http-paths";

    /// <summary>The exit code of exec probe commands in this container (non-zero fails the probe).</summary>
    public const string ExecProbeExitCode = Prefix + "exec-probe-exit-code";

    /// <summary>What a failing exec probe command prints (the probe's output in the Unhealthy event).</summary>
    public const string ExecProbeOutput = Prefix + "exec-probe-output";

    /// <summary>
    /// Where the process connects at start: env variable names holding URLs (<c>DATABASE_URL</c>) or <c>host:port</c>.
    /// The crash annotations then apply only while a target is unreachable (no such Service, no ready endpoint).
    /// </summary>
    public const string ConnectsTo = Prefix + "connects-to";

    /// <summary>How the process words connection errors in its log: <c>node</c> (default), <c>java</c>, <c>go</c>, <c>libpq</c>, <c>python</c>.</summary>
    public const string ConnectErrorStyle = Prefix + "connect-error-style";

    /// <summary>Ephemeral storage (writable layer, logs, emptyDir) the container uses at start.</summary>
    public const string EphemeralStorageBase = Prefix + "ephemeral-storage-base";

    /// <summary>Ephemeral storage the container writes per minute (debug logs, temp files).</summary>
    public const string EphemeralStoragePerMinute = Prefix + "ephemeral-storage-per-minute";

    /// <summary>On a Node: what the OS, images and logs outside pods use of its ephemeral storage (default 25 % of capacity).</summary>
    public const string EphemeralStorageUsed = Prefix + "ephemeral-storage-used";

    /// <summary>
    /// On a Node: conditions forced by fault injection, <c>DiskPressure=True,PIDPressure=True,NetworkUnavailable=True</c>
    /// (the kubelet reports them and evicts as it would under that pressure).
    /// </summary>
    public const string NodeConditions = Prefix + "node-conditions";

    /// <summary>On a StorageClass: <c>"true"</c> when its external provisioner is not running (claims wait forever).</summary>
    public const string ProvisionerMissing = Prefix + "provisioner-missing";

    /// <summary>On a StorageClass: the error its external provisioner answers (ProvisioningFailed events).</summary>
    public const string ProvisioningError = Prefix + "provisioning-error";

    /// <summary>On a Node: the node's kubelet is stopped (no pod updates, no status).</summary>
    public const string KubeletStopped = Prefix + "kubelet-stopped";

    /// <summary>On a kubernetes.io/tls Secret: generate a self-signed certificate valid for this many days from now (negative = expired).</summary>
    public const string CertificateValidDays = Prefix + "certificate-valid-days";

    /// <summary>On a TLS Secret: comma-separated DNS names of the generated certificate.</summary>
    public const string CertificateDnsNames = Prefix + "certificate-dns-names";
}
