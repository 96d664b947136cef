using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Kubectl;

/// <summary><c>kubectl get</c> against the simulator prints what it prints against a real cluster.</summary>
public sealed class KubectlGetTests
{
    private const string Ns = SeededCluster.Namespace;

    private static async Task<SeededCluster> StartAsync()
    {
        var cluster = await SeededCluster.StartAsync();
        cluster.Simulator.Clock.Advance(TimeSpan.FromMinutes(3));
        return cluster;
    }

    [Fact]
    public async Task GetPods_AllNamespaces_PrintsStatusRestartsAndAge()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "pods", "-A")).EnsureSuccess();

        Assert.Equal(
            """
            NAMESPACE              NAME                        READY   STATUS             RESTARTS     AGE
            ecommerce-production   frontend-7d9c8b6f5d-4mnbq   0/1     CrashLoopBackOff   5 (5m ago)   3m
            ecommerce-production   frontend-7d9c8b6f5d-q8wzt   0/1     Pending            0            3m
            ecommerce-production   frontend-7d9c8b6f5d-x2k9p   1/1     Running            0            3m

            """,
            r.StdOut);
        Assert.Empty(r.StdErr);
    }

    [Fact]
    public async Task GetPods_Wide_AddsIpNodeAndGates()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "pods", "-o", "wide", "-n", Ns)).EnsureSuccess();

        Assert.Equal(
            """
            NAME                        READY   STATUS             RESTARTS     AGE   IP          NODE                        NOMINATED NODE   READINESS GATES
            frontend-7d9c8b6f5d-4mnbq   0/1     CrashLoopBackOff   5 (5m ago)   3m    10.0.2.17   ip-10-0-2-22.ec2.internal   <none>           <none>
            frontend-7d9c8b6f5d-q8wzt   0/1     Pending            0            3m    <none>      <none>                      <none>           <none>
            frontend-7d9c8b6f5d-x2k9p   1/1     Running            0            3m    10.0.1.45   ip-10-0-1-11.ec2.internal   <none>           <none>

            """,
            r.StdOut);
    }

    [Fact]
    public async Task GetSeveralKinds_InNamespace_PrintsOneTableEach()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "deploy,rs,hpa,nodes,events,ing,secrets", "-n", Ns)).EnsureSuccess();

        Assert.Equal(
            """
            NAME                       READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/frontend   1/3     3            1           3m

            NAME                                  DESIRED   CURRENT   READY   AGE
            replicaset.apps/frontend-7d9c8b6f5d   3         3         1       3m

            NAME                                           REFERENCE             TARGETS        MINPODS   MAXPODS   REPLICAS   AGE
            horizontalpodautoscaler.autoscaling/frontend   Deployment/frontend   cpu: 85%/70%   3         10        3          3m

            NAME                             STATUS     ROLES    AGE   VERSION
            node/ip-10-0-1-11.ec2.internal   Ready      <none>   3m    v1.32.1-eks-5d632ec
            node/ip-10-0-2-22.ec2.internal   Ready      <none>   3m    v1.32.1-eks-5d632ec
            node/ip-10-0-3-33.ec2.internal   NotReady   <none>   3m    v1.32.1-eks-5d632ec

            """,
            string.Join('\n', r.StdOut.Split('\n').Take(13)) + "\n");
        Assert.Contains("LAST SEEN   TYPE      REASON              OBJECT                             MESSAGE", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("4m          Warning   BackOff             pod/frontend-7d9c8b6f5d-4mnbq      Back-off restarting failed container frontend", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("33m         Normal    SuccessfulRescale   horizontalpodautoscaler/frontend   New size: 3;", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("ingress.networking.k8s.io/frontend   nginx   shop.example.com   k8s-ecommerc-frontend-4f3a2b1c0d-1234567890.us-east-1.elb.amazonaws.com   80, 443   3m", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("secret/frontend-tls   kubernetes.io/tls   2      3m", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPods_LabelSelector_Filters()
    {
        await using var c = await StartAsync();
        await c.CreateAsync(JsonNode.Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"redis-0","namespace":"ecommerce-production","labels":{"app":"redis"}},"spec":{"containers":[{"name":"redis","image":"redis:7"}]}}""")!.AsObject());

        var frontend = (await c.KubectlAsync("get", "pods", "-l", "app=frontend", "-n", Ns, "-o", "name")).EnsureSuccess();
        var notFrontend = (await c.KubectlAsync("get", "pods", "-l", "app!=frontend", "-n", Ns, "-o", "name")).EnsureSuccess();

        Assert.Equal(["pod/frontend-7d9c8b6f5d-4mnbq", "pod/frontend-7d9c8b6f5d-q8wzt", "pod/frontend-7d9c8b6f5d-x2k9p"], frontend.Lines);
        Assert.Equal(["pod/redis-0"], notFrontend.Lines);
    }

    [Fact]
    public async Task GetNodes_Wide_ShowsSystemInfo()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "nodes", "-o", "wide")).EnsureSuccess();

        Assert.Equal(
            "ip-10-0-3-33.ec2.internal   NotReady   <none>   3m    v1.32.1-eks-5d632ec   10.0.3.33     <none>        Amazon Linux 2023.6.20241212   6.1.119-129.201.amzn2023.x86_64   containerd://1.7.23",
            r.Lines[3]);
    }

    [Fact]
    public async Task GetPod_Json_IsTheStoredObject()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "pod", SeededCluster.CrashingPod, "-n", Ns, "-o", "json")).EnsureSuccess();
        var pod = JsonNode.Parse(r.StdOut)!;

        Assert.Equal("OOMKilled", pod.Str("status.containerStatuses.0.lastState.terminated.reason"));
        Assert.Equal("137", pod.Str("status.containerStatuses.0.lastState.terminated.exitCode"));
        Assert.Equal(c.Uids[$"Pod/{SeededCluster.CrashingPod}"], pod.Str("metadata.uid"));
    }

    [Fact]
    public async Task GetHpa_Yaml_PrintsSpecAndStatus()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "hpa", "frontend", "-n", Ns, "-o", "yaml")).EnsureSuccess();

        Assert.StartsWith("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: \"2026-11-20T03:00:00Z\"\n", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("  maxReplicas: 10\n", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("        averageUtilization: 85\n", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPods_Name_ListsResourceSlashName()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "pods", "-o", "name", "-n", Ns)).EnsureSuccess();

        Assert.Equal(["pod/frontend-7d9c8b6f5d-4mnbq", "pod/frontend-7d9c8b6f5d-q8wzt", "pod/frontend-7d9c8b6f5d-x2k9p"], r.Lines);
    }

    [Fact]
    public async Task GetPod_Missing_ExitsOneWithServerNotFound()
    {
        await using var c = await StartAsync();

        var r = await c.KubectlAsync("get", "pod", "missing");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"missing\" not found\n", r.StdErr);
        Assert.Empty(r.StdOut);
    }

    [Fact]
    public async Task GetServicesConfigMapsNamespaces_PrintTheirColumns()
    {
        await using var c = await StartAsync();

        var svc = (await c.KubectlAsync("get", "svc,cm", "-n", Ns)).EnsureSuccess();
        var ns = (await c.KubectlAsync("get", "ns", Ns)).EnsureSuccess();

        Assert.Contains("service/frontend   ClusterIP   172.20.45.10   <none>        80/TCP    3m", svc.StdOut, StringComparison.Ordinal);
        Assert.Contains("configmap/frontend-config   2      3m", svc.StdOut, StringComparison.Ordinal);
        Assert.Equal(["NAME                   STATUS   AGE", "ecommerce-production   Active   3m"], ns.Lines);
    }

    [Fact]
    public async Task GetEvents_SortByLastTimestamp_UsesFullObjects()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("get", "events", "-n", Ns, "--sort-by=.lastTimestamp", "-o", "custom-columns=REASON:.reason,COUNT:.count")).EnsureSuccess();
        var table = (await c.KubectlAsync("get", "events", "-n", Ns, "--sort-by=.lastTimestamp")).EnsureSuccess();

        Assert.Equal(["REASON              COUNT", "SuccessfulRescale   1", "Pulled              6", "FailedScheduling    9", "BackOff             14"], r.Lines);
        Assert.Equal(["33m", "7m51s", "4m30s", "4m"], table.Lines.Skip(1).Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task GetPods_Watch_PrintsChangesUntilTimeout()
    {
        await using var c = await StartAsync();
        var watch = c.KubectlAsync("get", "pods", "-n", Ns, "--watch", "--request-timeout=10s");
        // kubectl lists, prints, then watches: change the pod only once its watch is open (a loaded machine is slow to start it).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (c.Simulator.Store.OpenWatches == 0 && waited.Elapsed < TimeSpan.FromSeconds(30) && !watch.IsCompleted)
        {
            await Task.Delay(50);
        }

        Assert.True(c.Simulator.Store.OpenWatches > 0, "kubectl's watch did not open within 30 s");
        await c.Http.SendAsync(HttpMethod.Patch, $"api/v1/namespaces/{Ns}/pods/{SeededCluster.PendingPod}/status", """{"status":{"phase":"Running"}}""", "application/merge-patch+json");
        await Task.Delay(1500);
        await c.Http.SendAsync(HttpMethod.Patch, $"api/v1/namespaces/{Ns}/pods/{SeededCluster.PendingPod}", """{"metadata":{"labels":{"seen":"yes"}}}""", "application/merge-patch+json");

        var r = await watch;

        Assert.Equal("frontend-7d9c8b6f5d-q8wzt   0/1     Pending            0            3m", r.Lines[2]);
        Assert.Contains("frontend-7d9c8b6f5d-q8wzt   0/1     Running            0            3m", r.Lines.Skip(4));
    }
}
