using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// How one simulated container behaves, read from the pod's <c>sim.opsbot.io/*</c> annotations. Everything
/// it computes is a pure function of the annotations, the container spec, the time since the container
/// started and the request load, so a remediation works for the reason it would in a real cluster.
/// Annotations apply as <see cref="ContainerAnnotations"/> selects them for each container.
/// </summary>
public sealed record WorkloadBehavior
{
    private const long Mi = 1L << 20;

    public long MemoryBaseBytes { get; init; } = 64 * Mi;

    public long MemoryLeakPerMinuteBytes { get; init; }

    /// <summary>Where the leak levels off; null = it never does.</summary>
    public long? MemoryPlateauBytes { get; init; }

    /// <summary><c>node</c>, <c>jvm</c> or null: which runtime's out-of-memory lines precede an OOM kill.</summary>
    public string? OomLog { get; init; }

    public int? CrashExitCode { get; init; }

    public TimeSpan CrashAfter { get; init; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> CrashLog { get; init; } = [];

    public IReadOnlyList<string> RequiredEnv { get; init; } = [];

    public double StartupSeconds { get; init; }

    public double ResponseMs { get; init; } = 20;

    public long CpuBaseMillicores { get; init; } = 5;

    public double CpuPerRequestMillicores { get; init; }

    /// <summary>The group's total request rate (shared by its ready replicas) declared on the template.</summary>
    public double? RequestsPerSecond { get; init; }

    public string RequestPath { get; init; } = "/api/products";

    public double ErrorRate { get; init; }

    public IReadOnlyList<string> StartLog { get; init; } = [];

    public TimeSpan? LogEvery { get; init; }

    public IReadOnlyList<string> LogLines { get; init; } = [];

    public string? DbService { get; init; }

    public double DbPoolSize { get; init; }

    /// <summary>The pool's ceiling; leaked connections stop growing there (default: the pool size).</summary>
    public double? DbPoolMax { get; init; }

    public double DbConnectionLeakPerMinute { get; init; }

    public IReadOnlyList<string> DbExhaustedLog { get; init; } = [];

    /// <summary>A cache server's dataset (<c>cache-dataset</c>); null for other workloads.</summary>
    public long? CacheDatasetBytes { get; init; }

    /// <summary>The cache server's <c>--maxmemory</c> argument in bytes; null or 0 = no limit.</summary>
    public long? CacheMaxMemoryBytes { get; init; }

    /// <summary>Whether the cache evicts keys when full (<c>--maxmemory-policy</c> other than <c>noeviction</c>).</summary>
    public bool CacheEvicts { get; init; }

    /// <summary>A client's cache Service (<c>cache-service</c>).</summary>
    public string? CacheService { get; init; }

    public double? CacheMissResponseMs { get; init; }

    public IReadOnlyList<string> CacheFullLog { get; init; } = [];

    /// <summary>True for a client whose cache refuses writes (set by the kubelet from the cache server's state).</summary>
    public bool CacheRefusing { get; init; }

    /// <summary>A cache server holding more data than its maxmemory without eviction: writes fail with OOM errors.</summary>
    public bool IsCacheFull => CacheDatasetBytes is { } data && CacheMaxMemoryBytes is > 0 and { } max && data > max && !CacheEvicts;

    /// <summary>Ports the app listens on; null = the container's declared ports (every port when it declares none).</summary>
    public IReadOnlySet<int>? ListenPorts { get; init; }

    /// <summary>HTTP paths the app serves; null = every path.</summary>
    public IReadOnlySet<string>? HttpPaths { get; init; }

    public int ExecProbeExitCode { get; init; }

    public string ExecProbeOutput { get; init; } = "";

    /// <summary>Where the process connects at start (<c>connects-to</c>): env variable names or <c>host:port</c>.</summary>
    public IReadOnlyList<string> ConnectsTo { get; init; } = [];

    /// <summary>How the client words connection errors (<c>connect-error-style</c>).</summary>
    public string? ConnectErrorStyle { get; init; }

    public long EphemeralStorageBaseBytes { get; init; }

    public long EphemeralStoragePerMinuteBytes { get; init; }

    /// <summary>The behaviour of <paramref name="container"/> in <paramref name="pod"/>; containers the annotations do not target get defaults.</summary>
    public static WorkloadBehavior For(JsonObject pod, JsonObject container)
    {
        var annotations = ContainerAnnotations.For(pod, container);
        var requestMemory = Quantities.Bytes(Quantities.Resource(container, "requests", "memory"));
        var requestCpu = Quantities.Millicores(Quantities.Resource(container, "requests", "cpu"));
        var defaults = new WorkloadBehavior
        {
            // An idle process sits well under its request.
            MemoryBaseBytes = requestMemory is { } m ? m / 2 : 64 * Mi,
            CpuBaseMillicores = requestCpu is { } c ? Math.Max(1, c / 20) : 5,
        };
        if (annotations.Count == 0)
        {
            return defaults;
        }

        var declared = defaults with
        {
            MemoryBaseBytes = Quantities.Bytes(Get(annotations, WorkloadAnnotations.MemoryBase)) ?? defaults.MemoryBaseBytes,
            MemoryLeakPerMinuteBytes = Quantities.Bytes(Get(annotations, WorkloadAnnotations.MemoryLeakPerMinute)) ?? 0,
            MemoryPlateauBytes = Quantities.Bytes(Get(annotations, WorkloadAnnotations.MemoryPlateau)),
            OomLog = Get(annotations, WorkloadAnnotations.OomLog),
            CrashExitCode = int.TryParse(Get(annotations, WorkloadAnnotations.CrashExitCode), CultureInfo.InvariantCulture, out var code) ? code : null,
            CrashAfter = DurationText.TryParse(Get(annotations, WorkloadAnnotations.CrashAfter), out var after) ? after : defaults.CrashAfter,
            CrashLog = Lines(Get(annotations, WorkloadAnnotations.CrashLog)),
            RequiredEnv = List(Get(annotations, WorkloadAnnotations.RequiresEnv)),
            StartupSeconds = Number(annotations, WorkloadAnnotations.StartupSeconds) ?? 0,
            ResponseMs = Number(annotations, WorkloadAnnotations.ResponseMs) ?? defaults.ResponseMs,
            CpuBaseMillicores = (long?)Number(annotations, WorkloadAnnotations.CpuBaseMillicores) ?? defaults.CpuBaseMillicores,
            CpuPerRequestMillicores = Number(annotations, WorkloadAnnotations.CpuPerRequestMillicores) ?? 0,
            RequestsPerSecond = Number(annotations, WorkloadAnnotations.RequestsPerSecond),
            RequestPath = Get(annotations, WorkloadAnnotations.RequestPath) ?? defaults.RequestPath,
            ErrorRate = Math.Clamp(Number(annotations, WorkloadAnnotations.ErrorRate) ?? 0, 0, 1),
            StartLog = Lines(Get(annotations, WorkloadAnnotations.StartLog)),
            LogEvery = DurationText.TryParse(Get(annotations, WorkloadAnnotations.LogEvery), out var every) && every > TimeSpan.Zero ? every : null,
            LogLines = Lines(Get(annotations, WorkloadAnnotations.LogLines)),
            DbService = Get(annotations, WorkloadAnnotations.DbService),
            DbPoolSize = Number(annotations, WorkloadAnnotations.DbPoolSize) ?? 0,
            DbPoolMax = Number(annotations, WorkloadAnnotations.DbPoolMax),
            DbConnectionLeakPerMinute = Number(annotations, WorkloadAnnotations.DbConnectionLeakPerMinute) ?? 0,
            DbExhaustedLog = Lines(Get(annotations, WorkloadAnnotations.DbExhaustedLog)),
            CacheDatasetBytes = Quantities.Bytes(Get(annotations, WorkloadAnnotations.CacheDataset)),
            CacheMaxMemoryBytes = RedisArguments.MaxMemoryBytes(container),
            CacheEvicts = RedisArguments.MaxMemoryPolicy(container) is { } policy && policy != "noeviction",
            CacheService = Get(annotations, WorkloadAnnotations.CacheService),
            CacheMissResponseMs = Number(annotations, WorkloadAnnotations.CacheMissResponseMs),
            CacheFullLog = Lines(Get(annotations, WorkloadAnnotations.CacheFullLog)),
            ListenPorts = Get(annotations, WorkloadAnnotations.ListenPorts) is { } ports
                ? List(ports).Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).ToHashSet()
                : null,
            HttpPaths = Get(annotations, WorkloadAnnotations.HttpPaths) is { } paths ? List(paths).ToHashSet(StringComparer.Ordinal) : null,
            ExecProbeExitCode = int.TryParse(Get(annotations, WorkloadAnnotations.ExecProbeExitCode), CultureInfo.InvariantCulture, out var execCode) ? execCode : 0,
            ExecProbeOutput = Get(annotations, WorkloadAnnotations.ExecProbeOutput) ?? "",
            ConnectsTo = List(Get(annotations, WorkloadAnnotations.ConnectsTo)),
            ConnectErrorStyle = Get(annotations, WorkloadAnnotations.ConnectErrorStyle),
            EphemeralStorageBaseBytes = Quantities.Bytes(Get(annotations, WorkloadAnnotations.EphemeralStorageBase)) ?? 0,
            EphemeralStoragePerMinuteBytes = Quantities.Bytes(Get(annotations, WorkloadAnnotations.EphemeralStoragePerMinute)) ?? 0,
        };
        var image = ImageReference.Normalize((string?)container["image"] ?? "");
        var fixedIn = List(Get(annotations, WorkloadAnnotations.FaultsFixedIn));
        return fixedIn.Any(f => ImageReference.Normalize(f) == image) ? declared.WithoutFaults() : declared;
    }

    /// <summary>The same workload with its faults (leak, crash, missing env, errors, error logs) fixed.</summary>
    public WorkloadBehavior WithoutFaults() => this with
    {
        MemoryLeakPerMinuteBytes = 0,
        CrashExitCode = null,
        CrashLog = [],
        RequiredEnv = [],
        ErrorRate = 0,
        LogEvery = null,
        LogLines = [],
        DbConnectionLeakPerMinute = 0,
        ConnectsTo = [],
        EphemeralStoragePerMinuteBytes = 0,
        ExecProbeExitCode = 0,
    };

    /// <summary>
    /// Working-set bytes after <paramref name="sinceStart"/> of running: the base plus the leak, up to the plateau, plus
    /// a cache server's data up to its maxmemory.
    /// </summary>
    public long MemoryBytes(TimeSpan sinceStart)
    {
        var grown = MemoryBaseBytes + (long)(MemoryLeakPerMinuteBytes * Math.Max(0, sinceStart.TotalMinutes));
        var process = MemoryPlateauBytes is { } plateau ? Math.Min(grown, Math.Max(plateau, MemoryBaseBytes)) : grown;
        return process + CachedBytes;
    }

    /// <summary>What a cache server holds: its dataset, up to its maxmemory.</summary>
    public long CachedBytes => CacheDatasetBytes is not { } data ? 0 : CacheMaxMemoryBytes is > 0 and { } max ? Math.Min(data, max) : data;

    /// <summary>This client while its cache refuses writes: slower (cache misses go to the database).</summary>
    public WorkloadBehavior WithCacheRefusing() => this with
    {
        CacheRefusing = true,
        ResponseMs = CacheMissResponseMs ?? ResponseMs,
    };

    /// <summary>Connections held after <paramref name="sinceStart"/>: the pool plus leaked ones, up to the pool's ceiling; a restart releases them.</summary>
    public double DbConnections(TimeSpan sinceStart)
    {
        var held = DbPoolSize + (DbConnectionLeakPerMinute * Math.Max(0, sinceStart.TotalMinutes));
        return Math.Min(held, Math.Max(DbPoolMax ?? DbPoolSize, DbPoolSize));
    }

    /// <summary>The CPU the container wants at <paramref name="requestsPerSecond"/>.</summary>
    public double CpuDemandMillicores(double requestsPerSecond) => CpuBaseMillicores + (CpuPerRequestMillicores * requestsPerSecond);

    /// <summary>Whether the app answers (its port is open) after <paramref name="sinceStart"/>.</summary>
    public bool IsStarted(TimeSpan sinceStart) => sinceStart.TotalSeconds >= StartupSeconds;

    /// <summary>
    /// Request latency at CPU utilisation <paramref name="saturation"/> (demand ÷ what the container may use): flat
    /// below half, then queueing (×5 at 90 %, ×20 at the limit), growing with the backlog beyond it.
    /// </summary>
    public double LatencyMs(double saturation)
    {
        var factor = saturation <= 0.5 ? 1 : 0.5 / (1 - Math.Min(saturation, 0.975));
        return ResponseMs * factor * Math.Max(1, saturation);
    }

    /// <summary>The share of requests answered 5xx: the declared error rate plus what saturation sheds.</summary>
    public double ServerErrorRate(double saturation) =>
        Math.Clamp(ErrorRate + (saturation > 1 ? 1 - (1 / saturation) : 0), 0, 1);

    /// <summary>Ephemeral storage used after <paramref name="sinceStart"/> of running (a restart starts a fresh writable layer).</summary>
    public long EphemeralStorageBytes(TimeSpan sinceStart) =>
        EphemeralStorageBaseBytes + (long)(EphemeralStoragePerMinuteBytes * Math.Max(0, sinceStart.TotalMinutes));

    private static string? Get(IReadOnlyDictionary<string, string> annotations, string key) => annotations.GetValueOrDefault(key);

    private static string[] List(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static double? Number(IReadOnlyDictionary<string, string> annotations, string key) =>
        double.TryParse(Get(annotations, key), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string[] Lines(string? text) =>
        text is null ? [] : [.. text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Where(l => l.Length > 0)];
}
