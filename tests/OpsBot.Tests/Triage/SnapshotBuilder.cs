using k8s.Models;
using k8s;
using OpsBot.Kubernetes;
using OpsBot.Triage;

namespace OpsBot.Tests.Triage;

/// <summary>Small snapshots for analyzer unit tests: objects written as the API server would send them.</summary>
public static class SnapshotBuilder
{
    public const string Ns = "shop";
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 30, 0, TimeSpan.Zero);

    public static T Parse<T>(string json) => KubernetesJson.Deserialize<T>(json);

    public static string At(TimeSpan ago) => (Now - ago).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static V1Deployment Deployment(string name, int replicas = 2, string memoryLimit = "512Mi", string memoryRequest = "256Mi", string image = "registry.example.com/shop/app:1.0") => Parse<V1Deployment>($$"""
        {"metadata":{"name":"{{name}}","namespace":"{{Ns}}","uid":"uid-{{name}}"},
         "spec":{"replicas":{{replicas}},"selector":{"matchLabels":{"app":"{{name}}"} },
           "template":{"metadata":{"labels":{"app":"{{name}}"} },"spec":{"containers":[{"name":"{{name}}","image":"{{image}}",
             "resources":{"requests":{"cpu":"100m","memory":"{{memoryRequest}}"},"limits":{"memory":"{{memoryLimit}}"} },
             "livenessProbe":{"httpGet":{"path":"/healthz","port":8080},"timeoutSeconds":1,"periodSeconds":5,"failureThreshold":3} }]} } },
         "status":{"replicas":{{replicas}},"availableReplicas":{{replicas}} } }
        """);

    public static V1ReplicaSet ReplicaSet(string deployment, string hash, int revision, TimeSpan age, string image = "registry.example.com/shop/app:1.0") => Parse<V1ReplicaSet>($$"""
        {"metadata":{"name":"{{deployment}}-{{hash}}","namespace":"{{Ns}}","creationTimestamp":"{{At(age)}}",
           "annotations":{"deployment.kubernetes.io/revision":"{{revision}}"},
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"{{deployment}}","uid":"uid-{{deployment}}","controller":true}]},
         "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"{{deployment}}","image":"{{image}}"}]} } } }
        """);

    /// <summary>A pod of <paramref name="replicaSet"/>; <paramref name="status"/> is its container status JSON.</summary>
    public static V1Pod Pod(string name, string replicaSet, string status, string container = "app", string limit = "512Mi", bool ready = true, string node = "node-a") => Parse<V1Pod>($$"""
        {"metadata":{"name":"{{name}}","namespace":"{{Ns}}","creationTimestamp":"{{At(TimeSpan.FromHours(2))}}",
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"{{replicaSet}}","controller":true}]},
         "spec":{"nodeName":"{{node}}","containers":[{"name":"{{container}}","image":"registry.example.com/shop/app:1.0","resources":{"requests":{"memory":"256Mi"},"limits":{"memory":"{{limit}}"} } }]},
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"{{(ready ? "True" : "False")}}"}],"containerStatuses":[{{status}}]} }
        """);

    public static string Running(string container = "app", int restarts = 0) =>
        $$"""{"name":"{{container}}","ready":true,"restartCount":{{restarts}},"state":{"running":{"startedAt":"{{At(TimeSpan.FromMinutes(30))}}"} } }""";

    public static string OomKilled(string container = "app", int restarts = 4) =>
        $$"""{"name":"{{container}}","ready":false,"restartCount":{{restarts}},"state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s"} },"lastState":{"terminated":{"reason":"OOMKilled","exitCode":137,"startedAt":"{{At(TimeSpan.FromMinutes(10))}}","finishedAt":"{{At(TimeSpan.FromMinutes(2))}}"} } }""";

    public static string Waiting(string reason, string message, string container = "app") =>
        $$"""{"name":"{{container}}","ready":false,"restartCount":0,"state":{"waiting":{"reason":"{{reason}}","message":"{{message.Replace("\"", "\\\"", StringComparison.Ordinal)}}"} } }""";

    public static Corev1Event Event(string kind, string name, string reason, string message, int count = 1, TimeSpan? ago = null, string type = "Warning") => Parse<Corev1Event>($$"""
        {"metadata":{"name":"{{name}}.{{Guid.NewGuid():n}}","namespace":"{{Ns}}"},"involvedObject":{"kind":"{{kind}}","name":"{{name}}","namespace":"{{Ns}}"},
         "reason":"{{reason}}","message":"{{message.Replace("\"", "\\\"", StringComparison.Ordinal)}}","type":"{{type}}","count":{{count}},
         "firstTimestamp":"{{At((ago ?? TimeSpan.FromMinutes(5)) + TimeSpan.FromMinutes(5))}}","lastTimestamp":"{{At(ago ?? TimeSpan.FromMinutes(5))}}"}
        """);

    public static ContainerLog Log(string pod, string container, bool previous, params string[] lines) =>
        new(pod, container, previous, [.. lines.Select((line, i) => new LogLine(Now - TimeSpan.FromSeconds(lines.Length - i), line))]);

    public static ClusterSnapshot Snapshot(
        IEnumerable<V1Pod>? pods = null, IEnumerable<V1Deployment>? deployments = null, IEnumerable<V1ReplicaSet>? replicaSets = null,
        IEnumerable<Corev1Event>? events = null, IEnumerable<ContainerLog>? logs = null, IEnumerable<V2HorizontalPodAutoscaler>? hpas = null,
        IEnumerable<V1Node>? nodes = null, IEnumerable<PodMetrics>? metrics = null) => new()
        {
            Target = new TriageTarget(TriageScope.Namespace, Ns),
            Now = Now,
            Pods = [.. pods ?? []],
            Deployments = [.. deployments ?? []],
            ReplicaSets = [.. replicaSets ?? []],
            Events = [.. events ?? []],
            Logs = [.. logs ?? []],
            Hpas = [.. hpas ?? []],
            Nodes = [.. nodes ?? []],
            PodMetrics = [.. metrics ?? []],
        };
}
