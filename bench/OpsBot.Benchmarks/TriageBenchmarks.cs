using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;
using OpsBot.Kubernetes;
using OpsBot.Triage;
using k8s;

namespace OpsBot.Benchmarks;

/// <summary>
/// <c>/triage</c> of one namespace with 10,000 pods, 1,000 deployments and 20 planted failures of 15 classes, served by
/// ClusterSim (controllers off) over HTTP through OpsBot's own client: wall time and allocations per triage (this
/// benchmark), and — printed by the setup — recall and precision on the planted failures and the process's peak memory.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class TriageBenchmarks
{
    public const string Ns = "shop";
    public const int Deployments = 1_000;
    public const int PodsPerDeployment = 10;
    public const int Nodes = 100;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private ClusterSimulator _sim = null!;
    private IKubernetes _client = null!;
    private TriageService _triage = null!;
    private List<(string Kind, string Resource)> _planted = [];

    /// <summary>Workloads whose logs are sampled (<see cref="TriageOptions.MaxSampledWorkloads"/>): the default, and every one.</summary>
    [Params(40, 1000)]
    public int MaxSampledWorkloads { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = Now.AddHours(-1), Speed = 0, UseHttps = false, ControllersEnabled = false });
        _planted = Plant(_sim);
        await _sim.StartAsync();
        _client = KubernetesClients.Create(new KubernetesClientConfiguration { Host = _sim.BaseUrl.ToString() }, new KubernetesResilienceOptions { MaxRetries = 0 });
        _triage = new TriageService(new SnapshotCollector(Options.Create(new TriageOptions { MaxSampledWorkloads = MaxSampledWorkloads })), NullLogger<TriageService>.Instance);

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var report = await RunAsync();
        watch.Stop();
        var roots = report.Findings.Where(f => f.CausedBy is null && f.Severity > Severity.Info).ToList();
        var found = _planted.Count(p => roots.Any(r => r.Kind == p.Kind && r.Resource == p.Resource));
        var correct = roots.Count(r => _planted.Any(p => p.Kind == r.Kind && p.Resource == r.Resource));
        System.Console.WriteLine($"// triage first run: {watch.Elapsed.TotalMilliseconds:0} ms, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024.0):0} MB allocated, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} MB (simulator included)");
        System.Console.WriteLine($"// triage recall {found}/{_planted.Count} = {found / (double)_planted.Count:P0}, precision {correct}/{roots.Count} = {(roots.Count == 0 ? 0 : correct / (double)roots.Count):P0}; pods {report.Counts["pods"]}, logs {report.Counts["logs"]}, missing {report.Missing.Count}");
        foreach (var miss in _planted.Where(p => !roots.Any(r => r.Kind == p.Kind && r.Resource == p.Resource)))
        {
            var related = report.Findings.Where(f => f.Resources.Contains(miss.Resource)).Select(f => $"{f.Kind}{(f.CausedBy is null ? string.Empty : " (symptom of " + f.CausedBy + ")")}");
            System.Console.WriteLine($"//   missed {miss.Kind} {miss.Resource}; found there: {string.Join(", ", related.DefaultIfEmpty("nothing"))}");
        }

        foreach (var missing in report.Missing)
        {
            System.Console.WriteLine($"//   not read: {missing.What}: {missing.Reason}");
        }

        foreach (var extra in roots.Where(r => !_planted.Any(p => p.Kind == r.Kind && p.Resource == r.Resource)))
        {
            System.Console.WriteLine($"//   unplanted {extra.Kind} {extra.Resource}");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> TriageNamespace() => (await RunAsync()).Findings.Count;

    private Task<TriageReport> RunAsync() => _triage.RunAsync(_client, new TriageTarget(TriageScope.Namespace, Ns), "bench", Now, TimeSpan.FromHours(1));

    /// <summary>1,000 healthy deployments (10 pods each) on 100 nodes, then 20 failures planted on some of them.</summary>
    public static List<(string Kind, string Resource)> Plant(ClusterSimulator sim)
    {
        var store = sim.Store;
        store.Create(SimResources.Namespaces, Obj($$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{Ns}}"} }"""));
        for (var n = 0; n < Nodes; n++)
        {
            store.Create(SimResources.Nodes, Node(n, ready: n != 7));
        }

        // Failure classes by deployment index; everything else is healthy.
        var plan = new Dictionary<int, string>
        {
            [17] = "OOMKilled", [233] = "OOMKilled", [871] = "OOMKilled",
            [54] = "CrashLoopBackOffAfterRollout", [612] = "CrashLoopBackOffAfterRollout",
            [128] = "CreateContainerConfigErrorAfterRollout", [745] = "CreateContainerConfigErrorAfterRollout",
            [301] = "ImagePullNotFound", [902] = "ImagePullNotFound",
            [415] = "LivenessProbeTooAggressive", [688] = "LivenessProbeTooAggressive",
            [90] = "HpaAtMax", [519] = "HpaAtMax",
            [377] = "ProgressDeadlineExceeded",
            [444] = "InsufficientCapacity",
            [555] = "ConnectionPoolExhaustion",
            [666] = "RedisMaxMemory",
            [777] = "Regression5xx",
        };
        var planted = new List<(string Kind, string Resource)>();
        var later = new List<Action>();
        for (var d = 0; d < Deployments; d++)
        {
            var name = $"svc-{d:0000}";
            var kind = plan.GetValueOrDefault(d);
            var rollout = kind is "CrashLoopBackOffAfterRollout" or "CreateContainerConfigErrorAfterRollout" or "ImagePullNotFound" or "Regression5xx";
            var image = kind == "RedisMaxMemory" ? "redis:7.2.5" : kind == "ConnectionPoolExhaustion" && d == 555 ? "registry.example.com/shop/" + name + ":1.0" : "registry.example.com/shop/" + name + ":1.0";
            store.Create(SimResources.Deployments, Deployment(name, kind, image));
            store.Create(SimResources.ReplicaSets, ReplicaSet(name, "old", 1, Now.AddDays(-3), image));
            if (rollout)
            {
                // The store stamps creationTimestamp from its clock: the rollout's objects are created 20 minutes before now.
                var newImage = image.Replace(":1.0", ":1.1", StringComparison.Ordinal);
                later.Add(() => store.Create(SimResources.ReplicaSets, ReplicaSet(name, "new", 2, Now.AddMinutes(-20), newImage)));
            }

            for (var p = 0; p < PodsPerDeployment; p++)
            {
                var pod = $"{name}-{(rollout && p < 2 ? "new" : "old")}-{p}";
                var status = kind switch
                {
                    "OOMKilled" => OomStatus(name),
                    "CrashLoopBackOffAfterRollout" when p < 2 => Waiting(name, "CrashLoopBackOff", "back-off 40s restarting failed container", restarts: 5, exit: 1),
                    "CreateContainerConfigErrorAfterRollout" when p < 2 => Waiting(name, "CreateContainerConfigError", $"couldn't find key password in Secret {Ns}/{name}-db"),
                    "ImagePullNotFound" when p < 2 => Waiting(name, "ImagePullBackOff", "Back-off pulling image"),
                    "LivenessProbeTooAggressive" => Running(name, restarts: 4),
                    "InsufficientCapacity" when p < 3 => null,
                    _ => Running(name),
                };
                var podObject = Pod(pod, name, rollout && p < 2 ? "new" : "old", status, node: (d * PodsPerDeployment + p) % Nodes);
                if (rollout && p < 2)
                {
                    later.Add(() => store.Create(SimResources.Pods, podObject));
                }
                else
                {
                    store.Create(SimResources.Pods, podObject);
                }

                if (kind == "OOMKilled" && p == 0)
                {
                    sim.Logs.Append(Ns, pod, name, "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", Now.AddMinutes(-3));
                    sim.Logs.StartNewRun(Ns, pod, name);
                }

                if (kind == "CrashLoopBackOffAfterRollout" && p < 2)
                {
                    sim.Logs.Append(Ns, pod, name, "Error: missing required environment variable SESSION_SECRET", Now.AddMinutes(-2));
                    sim.Logs.StartNewRun(Ns, pod, name);
                }

                if (kind == "ImagePullNotFound" && p < 2)
                {
                    store.Create(SimResources.Events, Event(pod, "Failed", $"Failed to pull image \"registry.example.com/shop/{name}:1.1\": registry.example.com/shop/{name}:1.1: not found", 6));
                }

                if (kind == "LivenessProbeTooAggressive")
                {
                    store.Create(SimResources.Events, Event(pod, "Unhealthy", "Liveness probe failed: Get \"http://10.244.1.2:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", 12));
                    store.Create(SimResources.Events, Event(pod, "Killing", $"Container {name} failed liveness probe, will be restarted", 4, type: "Normal"));
                }

                if (kind == "InsufficientCapacity" && p < 3)
                {
                    store.Create(SimResources.Events, Event(pod, "FailedScheduling", "0/100 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 99 Insufficient memory.", 8));
                }

                var lines = kind switch
                {
                    "ConnectionPoolExhaustion" => ["ERROR o.h.engine.jdbc.spi.SqlExceptionHelper - FATAL: remaining connection slots are reserved for non-replication superuser connections"],
                    "RedisMaxMemory" => ["1:M 20 Nov 2026 03:00:00.000 # WARNING: OOM command not allowed when used memory > 'maxmemory'."],
                    "Regression5xx" when p < 2 => ["ERROR HTTP 500 POST /api/cart - Internal Server Error (31 ms)", "INFO HTTP 200 GET /api/cart (20 ms)"],
                    _ => new[] { "INFO HTTP 200 GET /api/items (12 ms)" },
                };
                for (var i = 0; i < 20; i++)
                {
                    sim.Logs.Append(Ns, pod, name, lines[i % lines.Length], Now.AddSeconds(-5 * (20 - i)));
                }
            }

            if (kind == "HpaAtMax")
            {
                store.Create(SimResources.HorizontalPodAutoscalers, Hpa(name));
            }

            if (kind is not null)
            {
                planted.Add((kind, kind == "HpaAtMax" ? "horizontalpodautoscaler/" + name : "deployment/" + name));
            }
        }

        sim.Clock.Advance(TimeSpan.FromMinutes(40));
        foreach (var create in later)
        {
            create();
        }

        sim.Clock.Advance(TimeSpan.FromMinutes(20));
        planted.Add(("NodeLost", "node/node-007"));
        var secret = Obj($$"""{"apiVersion":"v1","kind":"Secret","type":"kubernetes.io/tls","metadata":{"name":"shop-tls","namespace":"{{Ns}}","annotations":{"sim.opsbot.io/certificate-valid-days":"-2","sim.opsbot.io/certificate-dns-names":"shop.example.com"} },"data":{} }""");
        TlsSecretMaterial.Fill(secret, Now);
        store.Create(SimResources.Secrets, secret);
        store.Create(SimResources.Ingresses, Obj($$"""{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"shop","namespace":"{{Ns}}"},"spec":{"tls":[{"hosts":["shop.example.com"],"secretName":"shop-tls"}],"rules":[{"host":"shop.example.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"svc-0000","port":{"number":80} } } }]} }]} }"""));
        planted.Add(("CertificateExpired", "secret/shop-tls"));
        return planted;
    }

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonObject Node(int n, bool ready)
    {
        var taints = ready ? "{}" : """{"taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoSchedule"}]}""";
        var condition = ready
            ? """{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}"""
            : """{"type":"Ready","status":"Unknown","reason":"NodeStatusUnknown","message":"Kubelet stopped posting node status."}""";
        var node = Obj($$"""{"apiVersion":"v1","kind":"Node","metadata":{"name":"node-{{n.ToString("000", CultureInfo.InvariantCulture)}}"},"spec":{{taints}},"status":{"allocatable":{"cpu":"8","memory":"32Gi","pods":"110"} } }""");
        var ready2 = Obj(condition);
        ready2["lastTransitionTime"] = At(Now.AddMinutes(-4));
        node["status"]!["conditions"] = new JsonArray(ready2);
        return node;
    }

    private static JsonObject Deployment(string name, string? kind, string image)
    {
        var env = kind == "ConnectionPoolExhaustion" ? ""","env":[{"name":"DB_POOL_SIZE","value":"20"}]""" : string.Empty;
        var args = kind == "RedisMaxMemory" ? ""","args":["--maxmemory","400mb","--maxmemory-policy","noeviction"]""" : string.Empty;
        var conditions = kind == "ProgressDeadlineExceeded"
            ? $$""","conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"{{name}}-old\" has timed out progressing.","lastTransitionTime":"{{At(Now.AddMinutes(-10))}}"}]"""
            : string.Empty;
        return Obj($$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{name}}","namespace":"{{Ns}}","uid":"uid-{{name}}"},
             "spec":{"replicas":{{PodsPerDeployment}},"selector":{"matchLabels":{"app":"{{name}}"} },"template":{"metadata":{"labels":{"app":"{{name}}"} },"spec":{"containers":[{"name":"{{name}}","image":"{{image}}"{{env}}{{args}},
               "resources":{"requests":{"cpu":"50m","memory":"128Mi"},"limits":{"memory":"256Mi"} },"livenessProbe":{"httpGet":{"path":"/healthz","port":8080},"timeoutSeconds":1} }]} } },
             "status":{"replicas":{{PodsPerDeployment}},"availableReplicas":{{PodsPerDeployment}}{{conditions}} } }
            """);
    }

    private static JsonObject ReplicaSet(string deployment, string hash, int revision, DateTimeOffset created, string image) => Obj($$"""
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"{{deployment}}-{{hash}}","namespace":"{{Ns}}","creationTimestamp":"{{At(created)}}",
           "annotations":{"deployment.kubernetes.io/revision":"{{revision}}"},"labels":{"app":"{{deployment}}"},
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"{{deployment}}","uid":"uid-{{deployment}}","controller":true}]},
         "spec":{"replicas":{{PodsPerDeployment}},"selector":{"matchLabels":{"app":"{{deployment}}"} },"template":{"metadata":{"labels":{"app":"{{deployment}}"} },"spec":{"containers":[{"name":"{{deployment}}","image":"{{image}}"}]} } } }
        """);

    private static JsonObject Pod(string name, string deployment, string hash, string? status, int node)
    {
        var placed = status is null ? string.Empty : $$""","nodeName":"node-{{node.ToString("000", CultureInfo.InvariantCulture)}}" """;
        var body = status is null
            ? """{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/100 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 99 Insufficient memory."}]}"""
            : $$"""{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{{status}}]}""";
        return Obj($$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{name}}","namespace":"{{Ns}}","creationTimestamp":"{{At(Now.AddHours(-1))}}","labels":{"app":"{{deployment}}","pod-template-hash":"{{hash}}"},
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"{{deployment}}-{{hash}}","uid":"uid-{{deployment}}-{{hash}}","controller":true}]},
             "spec":{"containers":[{"name":"{{deployment}}","image":"registry.example.com/shop/{{deployment}}:1.0","resources":{"requests":{"cpu":"50m","memory":"128Mi"},"limits":{"memory":"256Mi"} } }]{{placed}} },
             "status":{{body}} }
            """);
    }

    private static string Running(string container, int restarts = 0) =>
        $$"""{"name":"{{container}}","ready":true,"restartCount":{{restarts}},"state":{"running":{"startedAt":"{{At(Now.AddMinutes(-30))}}"} } }""";

    private static string OomStatus(string container) =>
        $$"""{"name":"{{container}}","ready":false,"restartCount":6,"state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 1m20s"} },"lastState":{"terminated":{"reason":"OOMKilled","exitCode":137,"startedAt":"{{At(Now.AddMinutes(-9))}}","finishedAt":"{{At(Now.AddMinutes(-3))}}"} } }""";

    private static string Waiting(string container, string reason, string message, int restarts = 0, int? exit = null)
    {
        var last = exit is { } e
            ? $$""","lastState":{"terminated":{"reason":"Error","exitCode":{{e}},"startedAt":"{{At(Now.AddMinutes(-3))}}","finishedAt":"{{At(Now.AddMinutes(-2))}}"} }"""
            : string.Empty;
        return $$"""{"name":"{{container}}","ready":false,"restartCount":{{restarts}},"state":{"waiting":{"reason":"{{reason}}","message":"{{message}}"} }{{last}} }""";
    }

    private static JsonObject Event(string pod, string reason, string message, int count, string type = "Warning") => Obj($$"""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"{{pod}}.{{reason.ToLowerInvariant()}}","namespace":"{{Ns}}"},"involvedObject":{"kind":"Pod","name":"{{pod}}","namespace":"{{Ns}}"},
         "reason":"{{reason}}","message":{{System.Text.Json.JsonSerializer.Serialize(message)}},"type":"{{type}}","count":{{count}},"firstTimestamp":"{{At(Now.AddMinutes(-15))}}","lastTimestamp":"{{At(Now.AddMinutes(-1))}}"}
        """);

    private static JsonObject Hpa(string name) => Obj($$"""
        {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"{{name}}","namespace":"{{Ns}}"},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"{{name}}"},"minReplicas":2,"maxReplicas":{{PodsPerDeployment}},"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70} } }]},
         "status":{"currentReplicas":{{PodsPerDeployment}},"desiredReplicas":{{PodsPerDeployment}},"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":160} } }],
           "conditions":[{"type":"ScalingLimited","status":"True","reason":"TooManyReplicas","message":"the desired replica count is more than the maximum replica count"}]} }
        """);
}
