namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// The workload-behaviour vocabulary: annotations (on the pod template) that say how a simulated container
/// behaves. Documented in docs/CLUSTERSIM.md, "Workload behaviour".
/// </summary>
public static class WorkloadAnnotations
{
    public const string Prefix = "sim.opsbot.io/";
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

    /// <summary>On a Node: the node's kubelet is stopped (no pod updates, no status).</summary>
    public const string KubeletStopped = Prefix + "kubelet-stopped";

    /// <summary>On a kubernetes.io/tls Secret: generate a self-signed certificate valid for this many days from now (negative = expired).</summary>
    public const string CertificateValidDays = Prefix + "certificate-valid-days";

    /// <summary>On a TLS Secret: comma-separated DNS names of the generated certificate.</summary>
    public const string CertificateDnsNames = Prefix + "certificate-dns-names";
}
