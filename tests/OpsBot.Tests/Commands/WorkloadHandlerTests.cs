using k8s;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.Tests.Commands;

/// <summary>
/// <c>/k8s statefulsets|daemonsets|jobs|cronjobs|pvc</c> and their <c>describe</c>, through the pipeline against a
/// simulator holding these kinds with their status (as the API server stores them).
/// </summary>
public sealed class WorkloadHandlerTests : IAsyncLifetime
{
    private const string Ns = "ecommerce-production";

    private static readonly string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: @NS}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: payments}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: redis, namespace: @NS, generation: 2}
        spec:
          replicas: 3
          serviceName: redis
          selector: {matchLabels: {app: redis}}
          template:
            metadata: {labels: {app: redis}}
            spec: {containers: [{name: redis, image: "redis:7.2"}]}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
        status: {observedGeneration: 2, replicas: 3, readyReplicas: 2, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 2, currentRevision: redis-5d4f, updateRevision: redis-5d4f}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: kafka, namespace: @NS, generation: 1}
        spec:
          replicas: 2
          serviceName: kafka
          selector: {matchLabels: {app: kafka}}
          template:
            metadata: {labels: {app: kafka}}
            spec: {containers: [{name: kafka, image: "kafka:3.7"}]}
        status: {observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 2}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: ledger, namespace: payments, generation: 1}
        spec:
          replicas: 1
          serviceName: ledger
          selector: {matchLabels: {app: ledger}}
          template:
            metadata: {labels: {app: ledger}}
            spec: {containers: [{name: ledger, image: "ledger:1.0"}]}
        status: {observedGeneration: 1, replicas: 1, readyReplicas: 1, updatedReplicas: 1}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter, namespace: @NS, generation: 1}
        spec:
          selector: {matchLabels: {app: node-exporter}}
          template:
            metadata: {labels: {app: node-exporter}}
            spec:
              nodeSelector: {kubernetes.io/os: linux}
              containers: [{name: exporter, image: "prom/node-exporter:1.8"}]
        status: {desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2, numberUnavailable: 1, numberMisscheduled: 0, observedGeneration: 1}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: db-migrate, namespace: @NS}
        spec:
          completions: 1
          backoffLimit: 3
          template:
            spec: {restartPolicy: Never, containers: [{name: migrate, image: "shop/migrate:42"}]}
        status:
          startTime: "2026-11-20T02:10:00Z"
          failed: 4
          conditions: [{type: Failed, status: "True", reason: BackoffLimitExceeded, message: Job has reached the specified backoff limit}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: report-29001, namespace: @NS}
        spec:
          completions: 1
          template:
            spec: {restartPolicy: Never, containers: [{name: report, image: "shop/report:7"}]}
        status:
          startTime: "2026-11-20T02:00:00Z"
          completionTime: "2026-11-20T02:03:20Z"
          succeeded: 1
          conditions: [{type: Complete, status: "True"}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly-export, namespace: @NS}
        spec:
          schedule: "0 2 * * *"
          jobTemplate:
            spec:
              template:
                spec: {restartPolicy: Never, containers: [{name: export, image: "shop/export:3"}]}
        status: {lastScheduleTime: "2026-11-20T02:00:00Z", lastSuccessfulTime: "2026-11-19T02:04:00Z"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: hourly-report, namespace: @NS}
        spec:
          schedule: "0 * * * *"
          timeZone: Europe/Paris
          jobTemplate:
            spec:
              template:
                spec: {restartPolicy: Never, containers: [{name: report, image: "shop/report:7"}]}
        status: {lastScheduleTime: "2026-11-20T02:00:00Z", lastSuccessfulTime: "2026-11-20T02:03:20Z"}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data-redis-0, namespace: @NS}
        spec: {accessModes: [ReadWriteOnce], storageClassName: gp3, volumeName: pvc-1a2b, resources: {requests: {storage: 10Gi}}}
        status: {phase: Bound, accessModes: [ReadWriteOnce], capacity: {storage: 10Gi}}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data-redis-2, namespace: @NS}
        spec: {accessModes: [ReadWriteOnce], storageClassName: gp3-encrypted, resources: {requests: {storage: 10Gi}}}
        status: {phase: Pending}
        ---
        apiVersion: v1
        kind: Event
        metadata: {name: data-redis-2.1, namespace: @NS}
        involvedObject: {kind: PersistentVolumeClaim, name: data-redis-2, namespace: @NS}
        type: Warning
        reason: ProvisioningFailed
        message: storageclass.storage.k8s.io "gp3-encrypted" not found
        count: 12
        lastTimestamp: "2026-11-20T02:55:00Z"
        """.Replace("@NS", Ns, StringComparison.Ordinal);

    private readonly ClusterSimulator _sim = new(new ClusterSimulatorOptions { StartTime = ClusterFixture.Start, Speed = 0, UseHttps = false, ControllersEnabled = false });
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        await _sim.StartAsync();
        _sim.Manifests.ApplyText(Manifests);
        _sim.Clock.Advance(TimeSpan.FromHours(1));
        _client = SimulatorClients.Create(_sim);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    private async Task<(ChatReply Reply, string Text)> RunAsync(string command)
    {
        var (pipeline, _) = ClusterFixture.CreatePipeline(_sim.Clock, _client);
        var reply = await pipeline.HandleAsync(ClusterFixture.Console(command));
        return (reply, ClusterFixture.Render(reply));
    }

    private static TableBlock Table(ChatReply reply, string? caption = null) =>
        reply.Message.Blocks.OfType<TableBlock>().First(table => caption is null || table.Caption == caption);

    [Theory]
    [InlineData("/k8s statefulsets")]
    [InlineData("/k8s sts -A")]
    [InlineData("/k8s describe sts redis")]
    [InlineData("/k8s daemonsets")]
    [InlineData("/k8s describe ds/node-exporter")]
    [InlineData("/k8s jobs")]
    [InlineData("/k8s describe job db-migrate")]
    [InlineData("/k8s cronjobs")]
    [InlineData("/k8s describe cronjob nightly-export")]
    [InlineData("/k8s pvc")]
    [InlineData("/k8s describe pvc data-redis-2")]
    [InlineData("/k8s statefulsets --help")]
    public async Task Reply_EveryWorkloadCommand_RendersOnEveryPlatform(string command)
    {
        var (reply, text) = await RunAsync(command);

        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.NotNull(new OpsBot.Chat.Rendering.SlackBlockKitRenderer().Render(reply.Message));
        Assert.NotNull(new OpsBot.Chat.Rendering.AdaptiveCardRenderer().Render(reply.Message));
        Assert.NotNull(new OpsBot.Chat.Rendering.HtmlRenderer().Render(reply.Message));
        Assert.DoesNotContain("Something went wrong", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatefulSets_NotAllReady_ComesFirstWithKubectlColumns()
    {
        var (reply, text) = await RunAsync("/k8s statefulsets");

        var table = Table(reply);
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AGE", "IMAGES"], table.Columns.Select(c => c.Header));
        Assert.Equal(["redis", "2/3", "3", "60m", "redis:7.2"], table.Rows[0]);
        Assert.Equal(["kafka", "2/2", "2", "60m", "kafka:3.7"], table.Rows[1]);
        Assert.Equal("2 StatefulSets in namespace ecommerce-production, 1 needs attention", reply.Message.Text);
        Assert.Contains("• redis: 2 of 3 replicas ready", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatefulSets_AllNamespaces_OnlyVisibleNamespacesWithNamespaceColumn()
    {
        var (reply, text) = await RunAsync("/k8s sts -A");

        var table = Table(reply);
        Assert.Equal("NAMESPACE", table.Columns[0].Header);
        Assert.Equal(["redis", "kafka"], table.Rows.Select(row => row[1]));
        Assert.Contains("1 in namespaces you can't see here were left out", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeStatefulSet_ShowsProblemReplicasAndVolumeClaims()
    {
        var (reply, text) = await RunAsync("/k8s describe sts redis");

        Assert.Equal("StatefulSet redis", reply.Message.Header);
        Assert.Contains("2 of 3 replicas ready", Assert.IsType<SectionBlock>(reply.Message.Blocks[0]).Text.ToPlainText(), StringComparison.Ordinal);
        var fields = reply.Message.Blocks.OfType<FieldsBlock>().Single().Fields.ToDictionary(f => f.Label, f => f.Value.ToPlainText());
        Assert.Equal("3 desired · 3 current · 2 ready · 3 updated · 2 available", fields["Replicas"]);
        Assert.Equal("data 10Gi RWO", fields["Volume claims"]);
        Assert.Contains("Events: none recorded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatefulSets_WithName_DescribesIt()
    {
        var (reply, _) = await RunAsync("/k8s sts kafka");

        Assert.Equal("StatefulSet kafka", reply.Message.Header);
        Assert.DoesNotContain(reply.Message.Blocks.OfType<SectionBlock>(), s => s.Text.ToPlainText().StartsWith("Problems", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DaemonSets_UnavailablePods_NeedAttention()
    {
        var (reply, text) = await RunAsync("/k8s ds");

        var table = Table(reply);
        Assert.Equal(["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"], table.Columns.Select(c => c.Header));
        Assert.Equal(["node-exporter", "3", "3", "2", "3", "2", "kubernetes.io/os=linux", "60m"], table.Rows.Single());
        Assert.Contains("• node-exporter: 2 of 3 pods ready; 1 unavailable", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_FailedFirstWithStatusCompletionsAndDuration()
    {
        var (reply, text) = await RunAsync("/k8s jobs");

        var rows = Table(reply).Rows;
        Assert.Equal(["db-migrate", "Failed", "0/1", "50m", "60m"], rows[0]);
        Assert.Equal(["report-29001", "Complete", "1/1", "3m20s", "60m"], rows[1]);
        Assert.Contains("• db-migrate: failed (BackoffLimitExceeded): Job has reached the specified backoff limit", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CronJobs_LastRunNotSucceeded_NeedsAttention()
    {
        var (reply, text) = await RunAsync("/k8s cronjobs");

        var rows = Table(reply).Rows;
        Assert.Equal(["nightly-export", "0 2 * * *", "<none>", "False", "0", "60m ago", "24h ago"], rows[0].Take(7));
        Assert.Equal(["hourly-report", "0 * * * *", "Europe/Paris", "False", "0"], rows[1].Take(5));
        Assert.Contains("• nightly-export: the run scheduled 60m ago has not succeeded (last success 24h ago)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pvc_PendingFirstWithKubectlColumns()
    {
        var (reply, text) = await RunAsync("/k8s pvc");

        var table = Table(reply);
        Assert.Equal(["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "AGE"], table.Columns.Select(c => c.Header));
        Assert.Equal(["data-redis-2", "Pending", "", "", "RWO", "gp3-encrypted", "60m"], table.Rows[0]);
        Assert.Equal(["data-redis-0", "Bound", "pvc-1a2b", "10Gi", "RWO", "gp3", "60m"], table.Rows[1]);
        Assert.Contains("• data-redis-2: Pending: not bound to a volume yet (storage class gp3-encrypted)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePvc_Pending_ShowsWhyFromItsEvents()
    {
        var (reply, _) = await RunAsync("/k8s describe persistentvolumeclaim data-redis-2");

        var events = Table(reply, "Events").Rows.Single();
        Assert.Equal(["Warning", "ProvisioningFailed", "12"], events.Take(3));
        Assert.Contains("gp3-encrypted\" not found", events[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeJob_Missing_SaysNotFoundInTheNamespace()
    {
        var (_, text) = await RunAsync("/k8s describe job nope");

        Assert.Contains("Job nope not found in namespace ecommerce-production", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_NoneInNamespace_SaysSo()
    {
        var (_, text) = await RunAsync("/k8s jobs -n ecommerce-staging");

        Assert.Contains("No Jobs in namespace ecommerce-staging.", text, StringComparison.Ordinal);
    }
}
