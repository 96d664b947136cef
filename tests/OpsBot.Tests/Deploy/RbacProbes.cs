using OpsBot.ClusterSim.Hosting;
using OpsBot.Tests.EndToEnd;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Deploy;

/// <summary>What the in-cluster suite asks OpsBot, on the e-commerce baseline (namespace <c>ecommerce-production</c>).</summary>
internal static class RbacProbes
{
    public const string Node = "ip-10-0-3-33.ec2.internal";

    /// <summary>One of each kind the baseline lacks (applied with the admin token): a StatefulSet with its claim, a DaemonSet, a Job, a CronJob.</summary>
    public const string ExtraWorkloads = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: search, namespace: ecommerce-production}
        spec:
          serviceName: search
          replicas: 1
          selector: {matchLabels: {app: search}}
          template:
            metadata: {labels: {app: search}}
            spec: {containers: [{name: search, image: "registry.example.com/shop/search:1.0.0"}]}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data-search-0, namespace: ecommerce-production}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-agent, namespace: ecommerce-production}
        spec:
          selector: {matchLabels: {app: node-agent}}
          template:
            metadata: {labels: {app: node-agent}}
            spec: {containers: [{name: agent, image: "registry.example.com/shop/agent:1.0.0"}]}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate, namespace: ecommerce-production}
        spec:
          template:
            spec: {restartPolicy: Never, containers: [{name: migrate, image: "registry.example.com/shop/migrate:1.0.0"}]}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly-report, namespace: ecommerce-production}
        spec:
          schedule: "0 2 * * *"
          jobTemplate:
            spec:
              template:
                spec: {restartPolicy: Never, containers: [{name: report, image: "registry.example.com/shop/report:1.0.0"}]}
        """;

    /// <summary>Every <c>/k8s</c> read command kind and every <c>/triage</c> form (<c>{pod}</c>: a frontend pod).</summary>
    public static IReadOnlyList<string> ReadCommands { get; } =
    [
        "/k8s pods", "/k8s pods -A", "/k8s pods --problems", "/k8s describe pod {pod}", "/k8s logs pod/{pod}",
        "/k8s describe deploy frontend", "/k8s describe node " + Node, "/k8s describe hpa frontend",
        "/k8s events", "/k8s events -A", "/k8s events --for node/" + Node, "/k8s events --for deploy/frontend",
        "/k8s top pods", "/k8s top nodes", "/k8s hpa", "/k8s hpa -A", "/k8s hpa frontend", "/k8s nodes",
        "/k8s rollout status deploy/frontend", "/k8s rollout history deploy/frontend", "/k8s certs",
        "/k8s statefulsets", "/k8s statefulsets search", "/k8s describe sts search",
        "/k8s daemonsets", "/k8s daemonsets node-agent", "/k8s describe ds node-agent",
        "/k8s jobs", "/k8s jobs migrate", "/k8s describe job migrate",
        "/k8s cronjobs", "/k8s cronjobs nightly-report", "/k8s describe cronjob nightly-report",
        "/k8s pvc", "/k8s pvc data-search-0", "/k8s describe pvc data-search-0",
        "/triage", "/triage frontend", "/triage deploy/frontend", "/triage pod/{pod}", "/triage ecommerce-production",
        // The scheduled checks read through the same client and grants; run now, in-cluster.
        "/checks run cert-expiry", "/checks list",
    ];

    /// <summary>
    /// For each verb on each resource the bound roles grant: something OpsBot does that needs it (<c>{pod}</c>: a frontend
    /// pod; <c>GET /readyz</c>: the readiness probe). An action is requested by alice and approved by bob.
    /// </summary>
    public static IReadOnlyList<RbacProbe> ByGrant { get; } =
    [
        // opsbot-cluster-read
        new(new("", "nodes", "get"), "/k8s describe node " + Node),
        new(new("", "nodes", "list"), "/k8s nodes"),
        new(new("", "namespaces", "list"), "GET /readyz"),
        new(new("", "pods", "list"), "/k8s pods"),
        new(new("", "events", "list"), "/k8s events"),
        // S2's bad rollout gives checkout a revision to go back to.
        new(new("apps", "replicasets", "get"), "/rollback deploy/checkout --to-revision 1", Approve: true, Scenario: "s02-rollout-missing-secret-key"),
        new(new("autoscaling", "horizontalpodautoscalers", "list"), "/k8s hpa"),
        new(new("metrics.k8s.io", "nodes", "list"), "/k8s top nodes"),
        new(new("storage.k8s.io", "storageclasses", "list"), "/triage"),

        // opsbot-cluster-act
        new(new("", "nodes", "patch"), "/k8s cordon node/" + Node, Approve: true),
        new(new("", "pods/eviction", "create"), "/k8s drain node/" + Node, Approve: true),

        // opsbot-read
        new(new("", "pods", "get"), "/k8s describe pod {pod}"),
        new(new("", "pods/log", "get"), "/k8s logs pod/{pod}"),
        new(new("", "services", "list"), "/triage deploy/frontend"),
        new(new("", "endpoints", "list"), "/triage"),
        new(new("", "configmaps", "list"), "/triage"),
        new(new("policy", "poddisruptionbudgets", "list"), "/triage"),
        new(new("", "persistentvolumeclaims", "get"), "/k8s pvc data-search-0"),
        new(new("", "persistentvolumeclaims", "list"), "/k8s pvc"),
        new(new("", "namespaces", "get"), "/triage ecommerce-production"),
        new(new("apps", "deployments", "get"), "/k8s describe deploy frontend"),
        new(new("apps", "deployments", "list"), "/triage"),
        new(new("apps", "replicasets", "list"), "/k8s rollout history deploy/frontend"),
        new(new("apps", "statefulsets", "get"), "/k8s describe sts search"),
        new(new("apps", "statefulsets", "list"), "/k8s statefulsets"),
        new(new("apps", "daemonsets", "get"), "/k8s describe ds node-agent"),
        new(new("apps", "daemonsets", "list"), "/k8s daemonsets"),
        new(new("batch", "jobs", "get"), "/k8s describe job migrate"),
        new(new("batch", "jobs", "list"), "/k8s jobs"),
        new(new("batch", "cronjobs", "get"), "/k8s describe cronjob nightly-report"),
        new(new("batch", "cronjobs", "list"), "/k8s cronjobs"),
        new(new("autoscaling", "horizontalpodautoscalers", "get"), "/k8s describe hpa frontend"),
        new(new("networking.k8s.io", "ingresses", "list"), "/triage"),
        new(new("metrics.k8s.io", "pods", "list"), "/k8s top pods"),
        new(new("cert-manager.io", "certificates", "list"), "/k8s certs"),

        // opsbot-read-secrets
        new(new("", "secrets", "list"), "/k8s certs"),

        // opsbot-act
        new(new("apps", "deployments", "patch"), "/k8s restart deploy/frontend", Approve: true),
        new(new("autoscaling", "horizontalpodautoscalers", "patch"), "/scale-hpa frontend --max 12", Approve: true),
        // S7's expired certificate, renewed as cmctl renew does.
        new(new("cert-manager.io", "certificates/status", "update"), "/cert renew ecommerce-production/shop-tls", Approve: true, Scenario: "s07-tls-certificate-expired"),
    ];

    /// <summary>
    /// The cluster as the probes need it: <see cref="ExtraWorkloads"/> and three simulated minutes for the controllers
    /// to start the pods (and a scenario's rollout to happen); the name of a frontend pod.
    /// </summary>
    public static async Task<string> PrepareAsync(ClusterSimulator sim, EndToEndConsole drill)
    {
        sim.Manifests.ApplyText(ExtraWorkloads);
        await drill.AdvanceAsync("3m");
        return await FirstPodAsync(drill.Alice);
    }

    /// <summary>The name of a frontend pod (<c>/k8s pods</c>).</summary>
    public static async Task<string> FirstPodAsync(ConsoleClient user)
    {
        var reply = await user.RunAsync("/k8s pods frontend");
        return (string)reply["report"]!["rows"]!.AsArray().First()!["name"]!;
    }
}
