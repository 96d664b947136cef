using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Tables;
using OpsBot.ClusterSim.Controllers;

using OpsBot.ClusterSim.Tests.Controllers;

namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>Init containers and sidecars as the kubelet runs them: in order, to completion, with their own statuses, events and logs.</summary>
public sealed class KubeletInitContainerTests
{
    private static string PodWithInit(string name, string annotations, string initImage = "migrate:v1", string restartPolicy = "Always", string init2 = "") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{KubeletCluster.Ns}}
          labels: {app: {{name}} }
          annotations: {{annotations}}
        spec:
          nodeName: {{KubeletCluster.Node}}
          restartPolicy: {{restartPolicy}}
          initContainers:
          - name: migrate
            image: {{initImage}}
            env: [{name: DATABASE_URL, value: "postgres://app@db:5432/app"}]
        {{init2}}
          containers:
          - name: app
            image: web:v1
            ports: [{containerPort: 8080, name: http}]
        """;

    private static string Status(KubeletCluster c, string pod) => PodStatusSummary.Of(c.Pod(pod)).Reason;

    private static JsonObject? Init(KubeletCluster c, string pod, int index = 0) => c.Pod(pod)["status"]?["initContainerStatuses"]?[index] as JsonObject;

    [Fact]
    public async Task Reconcile_InitContainerCompletes_ThenAppStarts()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(PodWithInit("web-1", "{migrate.sim.opsbot.io/crash-after: 5s, migrate.sim.opsbot.io/crash-log: 'applied 3 migrations'}"));

        await c.AdvanceAsync(3);
        var during = c.Pod("web-1");
        await c.AdvanceAsync(10);

        Assert.Equal("Pending", (string?)during["status"]!["phase"]);
        Assert.Equal("Init:0/1", PodStatusSummary.Of(during).Reason);
        Assert.Equal("PodInitializing", (string?)during["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]);
        var initialized = during["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Initialized")!;
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [migrate]"), ((string?)initialized["status"], (string?)initialized["reason"], (string?)initialized["message"]));

        var done = Init(c, "web-1")!;
        Assert.Equal(("Completed", 0), ((string?)done["state"]!["terminated"]!["reason"], (done["state"]!["terminated"]!["exitCode"]).AsInt()));
        Assert.True((bool)done["ready"]!);
        Assert.Equal(("Running", "Running"), ((string?)c.Pod("web-1")["status"]!["phase"], Status(c, "web-1")));
        Assert.Equal(["applied 3 migrations"], [.. (c.Sim.Logs.Read(KubeletCluster.Ns, "web-1", "migrate") ?? []).Select(l => l.Text)]);
        Assert.Contains("Normal Started Started container migrate", c.EventTexts("web-1"));
        Assert.Contains(c.Events("web-1"), e => (string?)e["involvedObject"]!["fieldPath"] == "spec.initContainers{migrate}");
    }

    [Fact]
    public async Task Reconcile_InitContainerFails_InitErrorThenInitCrashLoopBackOff()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(PodWithInit("web-1", "{migrate.sim.opsbot.io/crash-exit-code: '1', migrate.sim.opsbot.io/crash-after: 3s, migrate.sim.opsbot.io/crash-log: 'FATAL: password authentication failed for user \"app\"'}"));

        await c.AdvanceUntilAsync(() => Status(c, "web-1") == "Init:Error");
        await c.AdvanceUntilAsync(() => Status(c, "web-1") == "Init:CrashLoopBackOff");
        await c.AdvanceUntilAsync(() => (Init(c, "web-1")?["restartCount"]).AsInt() >= 3);

        var init = Init(c, "web-1")!;
        Assert.Equal(("Error", 1), ((string?)init["lastState"]!["terminated"]!["reason"], (init["lastState"]!["terminated"]!["exitCode"]).AsInt()));
        Assert.Equal("Pending", (string?)c.Pod("web-1")["status"]!["phase"]);
        Assert.Equal("PodInitializing", (string?)c.Container("web-1")["state"]!["waiting"]!["reason"]);
        var backOff = c.Events("web-1").Single(e => (string?)e["reason"] == "BackOff");
        Assert.Equal("spec.initContainers{migrate}", (string?)backOff["involvedObject"]!["fieldPath"]);
        Assert.StartsWith("Back-off restarting failed container migrate in pod web-1_shop(", (string?)backOff["message"], StringComparison.Ordinal);
        Assert.Contains("FATAL: password authentication failed for user \"app\"", (c.Sim.Logs.Read(KubeletCluster.Ns, "web-1", "migrate", previous: true) ?? []).Select(l => l.Text));
        Assert.DoesNotContain(c.EventTexts("web-1"), e => e.Contains("Started container app", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_InitImageMissing_InitImagePullBackOff()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Sim.Engine.Kubelet().Registry.MarkMissing("migrate:v9");
        c.Apply(PodWithInit("web-1", "{}", initImage: "migrate:v9"));

        await c.AdvanceUntilAsync(() => Status(c, "web-1") == "Init:ImagePullBackOff");

        Assert.Contains(c.Events("web-1"), e => (string?)e["reason"] == "Failed" && (string?)e["involvedObject"]!["fieldPath"] == "spec.initContainers{migrate}"
            && ((string?)e["message"])!.StartsWith("Failed to pull image \"migrate:v9\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_InitFailsWithRestartPolicyNever_PodFailedInitError()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(PodWithInit("job-1", "{migrate.sim.opsbot.io/crash-exit-code: '3'}", restartPolicy: "Never"));

        await c.AdvanceAsync(30);

        Assert.Equal(("Failed", "Init:Error"), ((string?)c.Pod("job-1")["status"]!["phase"], Status(c, "job-1")));
        Assert.Equal(0, (Init(c, "job-1")?["restartCount"]).AsInt());
    }

    [Fact]
    public async Task Reconcile_InitConnectsToMissingService_FailsWithTheConnectionErrorUntilTheServiceIsUp()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(PodWithInit("web-1", "{migrate.sim.opsbot.io/connects-to: DATABASE_URL, migrate.sim.opsbot.io/connect-error-style: libpq, migrate.sim.opsbot.io/crash-log: 'migrate: error: ${error}'}"));
        await c.AdvanceUntilAsync(() => (Init(c, "web-1")?["restartCount"]).AsInt() >= 2);

        Assert.Contains("migrate: error: could not translate host name \"db\" to address: Name or service not known", (c.Sim.Logs.Read(KubeletCluster.Ns, "web-1", "migrate", previous: true) ?? []).Select(l => l.Text));

        // The database arrives: a Service with a ready pod behind it. The next attempt goes through.
        c.Apply($$"""
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: {{KubeletCluster.Ns}} }
            spec: {clusterIP: 10.96.0.40, selector: {app: db}, ports: [{port: 5432, targetPort: 5432}]}
            """);
        c.Apply(KubeletCluster.PodYaml("db", image: "postgres:16.4").Replace("8080", "5432", StringComparison.Ordinal));
        await c.AdvanceUntilAsync(() => (string?)c.Pod("web-1")["status"]!["phase"] == "Running", maxSeconds: 400);

        Assert.True((bool)Init(c, "web-1")!["ready"]!);
    }

    [Fact]
    public async Task Reconcile_SidecarInitContainer_StartsBeforeAppAndKeepsRunning()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(PodWithInit("web-1", "{}", init2: "  - {name: proxy, image: envoy:v1.31, restartPolicy: Always}"));

        await c.AdvanceAsync(20);

        var proxy = Init(c, "web-1", 1)!;
        Assert.NotNull(proxy["state"]!["running"]);
        Assert.True((bool)proxy["started"]!);
        Assert.Equal(("Running", "2/2"), ((string?)c.Pod("web-1")["status"]!["phase"], $"{PodStatusSummary.Of(c.Pod("web-1")).Ready}/{PodStatusSummary.Of(c.Pod("web-1")).Total}"));
    }

    [Fact]
    public async Task Reconcile_SidecarCrashes_MainContainerRunsAndPodIsNotReady()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{log-shipper.sim.opsbot.io/crash-exit-code: '1', log-shipper.sim.opsbot.io/crash-log: 'could not connect to output'}")
            .Replace("  containers:", "  containers:\n  - {name: log-shipper, image: fluent/fluent-bit:3.1.9}", StringComparison.Ordinal));

        await c.AdvanceUntilAsync(() => (c.Pod("web-1")["status"]?["containerStatuses"] as JsonArray ?? []).Any(s => (string?)s!["state"]!["waiting"]?["reason"] == "CrashLoopBackOff"));

        var statuses = c.Pod("web-1")["status"]!["containerStatuses"]!.AsArray().OfType<JsonObject>().ToDictionary(s => (string)s["name"]!);
        Assert.NotNull(statuses["app"]["state"]!["running"]);
        Assert.True((bool)statuses["app"]["ready"]!);
        Assert.Equal(0, (statuses["app"]["restartCount"]).AsInt());
        Assert.True((statuses["log-shipper"]["restartCount"]).AsInt() >= 1);
        var ready = c.Pod("web-1")["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Ready")!;
        Assert.Equal("containers with unready status: [log-shipper]", (string?)ready["message"]);
        Assert.Equal("1/2", $"{PodStatusSummary.Of(c.Pod("web-1")).Ready}/{PodStatusSummary.Of(c.Pod("web-1")).Total}");
        Assert.Contains("could not connect to output", (c.Sim.Logs.Read(KubeletCluster.Ns, "web-1", "log-shipper", previous: true) ?? []).Select(l => l.Text));
        Assert.Null(c.Sim.Logs.Read(KubeletCluster.Ns, "web-1", "app", previous: true));
    }

    [Fact]
    public async Task KubectlLogs_InitContainer_CurrentAndPreviousRuns()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(PodWithInit("web-1", "{migrate.sim.opsbot.io/crash-exit-code: '1', migrate.sim.opsbot.io/start-log: 'connecting to db:5432', migrate.sim.opsbot.io/crash-log: 'dial tcp: lookup db: no such host'}"));
        await c.AdvanceUntilAsync(() => (Init(c, "web-1")?["restartCount"]).AsInt() >= 2);

        var previous = (await c.Kubectl!.RunAsync("logs", "web-1", "-n", KubeletCluster.Ns, "-c", "migrate", "--previous")).EnsureSuccess();
        var pods = (await c.Kubectl.RunAsync("get", "pods", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var describe = (await c.Kubectl.RunAsync("describe", "pod", "web-1", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Equal(["connecting to db:5432", "dial tcp: lookup db: no such host"], previous.Lines);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(pods.StdOut, @"web-1\s+0/1\s+Init:(Error|CrashLoopBackOff|0/1)\s+\d+ \(\d+s ago\)"), pods.StdOut);
        Assert.Contains("Init Containers:", describe.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container migrate in pod web-1_shop", describe.StdOut);
    }
}
