using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Chat.Messages;

namespace OpsBot.Tests.Commands;

/// <summary>Each read-only handler through <c>IChatPipeline</c> against the seeded simulator.</summary>
[Collection(ClusterCollection.Name)]
public sealed class K8sHandlerTests(ClusterFixture cluster)
{
    private async Task<(ChatReply Reply, string Text)> RunAsync(string command)
    {
        var (pipeline, _) = cluster.CreatePipeline();
        var reply = await pipeline.HandleAsync(ClusterFixture.Console(command));
        return (reply, ClusterFixture.Render(reply));
    }

    private static TableBlock Table(ChatReply reply, string? caption = null) =>
        reply.Message.Blocks.OfType<TableBlock>().First(table => caption is null || table.Caption == caption);

    [Theory]
    [InlineData("/k8s pods -A")]
    [InlineData("/k8s describe pod frontend-7d9f-b")]
    [InlineData("/k8s describe deploy frontend")]
    [InlineData("/k8s describe node node-a")]
    [InlineData("/k8s describe hpa frontend")]
    [InlineData("/k8s events")]
    [InlineData("/k8s logs pod/frontend-7d9f-b --previous")]
    [InlineData("/k8s top pods")]
    [InlineData("/k8s top nodes")]
    [InlineData("/k8s hpa")]
    [InlineData("/k8s nodes")]
    [InlineData("/k8s rollout status deploy/frontend")]
    [InlineData("/k8s rollout history deploy/frontend")]
    [InlineData("/k8s certs")]
    [InlineData("/k8s help")]
    [InlineData("/k8s logs --help")]
    public async Task Reply_EveryCommand_RendersOnEveryPlatform(string command)
    {
        var (reply, text) = await RunAsync(command);

        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.NotNull(new OpsBot.Chat.Rendering.SlackBlockKitRenderer().Render(reply.Message));
        Assert.NotNull(new OpsBot.Chat.Rendering.AdaptiveCardRenderer().Render(reply.Message));
        Assert.NotNull(new OpsBot.Chat.Rendering.HtmlRenderer().Render(reply.Message));
        Assert.NotNull(OpsBot.Chat.Messages.ChatMessageJson.Serialize(reply.Message));
        Assert.DoesNotContain("Something went wrong", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePod_OomKilledCrashLoop_ShowsProblemContainersAndWarningsFirst()
    {
        var (reply, text) = await RunAsync("/k8s describe pod/frontend-7d9f-b");
        Assert.True(reply.Message.Blocks.OfType<TableBlock>().Any(t => t.Caption == "Containers"), text);

        var problems = Assert.IsType<SectionBlock>(reply.Message.Blocks[0]).Text.ToPlainText();
        Assert.Contains("container app: CrashLoopBackOff — back-off 1m20s", problems, StringComparison.Ordinal);
        Assert.Contains("last run ended OOMKilled (exit 137) 2m ago, 5 restarts — it hit its memory limit", problems, StringComparison.Ordinal);
        var container = Table(reply, "Containers").Rows.Single();
        Assert.Equal(["app", "registry.example.com/frontend:2.4.1", "Waiting: CrashLoopBackOff", "Terminated: OOMKilled (exit 137) 2m ago", "no", "5", "cpu 250m, memory 256Mi", "cpu 1, memory 512Mi"], container);
        var events = Table(reply, "Events").Rows;
        Assert.Equal(["Warning", "BackOff", "12", "60s"], events[0].Take(4));
        Assert.Equal("Normal", events[1][0]);
        Assert.Contains("Restarts: 5 (2m ago)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePod_Pending_ShowsUnschedulableReason()
    {
        var (reply, _) = await RunAsync("/k8s describe pod frontend-7d9f-c -n ecommerce-production");

        Assert.Contains("not scheduled: Unschedulable — 0/3 nodes are available: 3 Insufficient memory.", reply.Message.Blocks.OfType<SectionBlock>().First().Text.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePod_Missing_PlainNotFound()
    {
        var (pipeline, audit) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s describe pod ghost"));

        Assert.Equal("Pod ghost not found in namespace ecommerce-production.", reply.Message.Text);
        Assert.True(reply.Ephemeral);
        Assert.Equal(AuditOutcome.Error, audit.Entries.Single().Outcome);
    }

    [Fact]
    public async Task DescribeDeployment_Frontend_ReplicasRolloutReplicaSets()
    {
        var (reply, text) = await RunAsync("/k8s describe deploy/frontend");

        Assert.Contains("4 desired · 4 updated · 1 ready · 1 available · 3 unavailable", text, StringComparison.Ordinal);
        Assert.Contains("Waiting for deployment \"frontend\" rollout to finish: 1 of 4 updated replicas are available...", text, StringComparison.Ordinal);
        Assert.Contains("RollingUpdate (max surge 25%, max unavailable 25%)", text, StringComparison.Ordinal);
        Assert.Contains("Available=False MinimumReplicasUnavailable", text, StringComparison.Ordinal);
        var sets = Table(reply, "ReplicaSets").Rows;
        Assert.Equal(["frontend-7d9f", "frontend-6c5b"], sets.Select(row => row[0]));
        Assert.Equal("3", sets[0][1]);
    }

    [Fact]
    public async Task DescribeDeployment_Missing_NamesKindAndNamespace()
    {
        var (reply, _) = await RunAsync("/k8s describe deployment nope -n ecommerce-production");

        Assert.Equal("Deployment nope not found in namespace ecommerce-production.", reply.Message.Text);
    }

    [Fact]
    public async Task DescribeNode_UnreachableNode_ConditionsTaintsAndAllocation()
    {
        var (reply, text) = await RunAsync("/k8s describe node node-c");

        Assert.Contains("Ready=Unknown NodeStatusUnknown: Kubelet stopped posting node status.", text, StringComparison.Ordinal);
        Assert.Contains("node.kubernetes.io/unreachable:NoExecute", text, StringComparison.Ordinal);
        Assert.Contains("Unknown,SchedulingDisabled", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeNode_Busy_RequestsAsShareOfAllocatable()
    {
        var (reply, _) = await RunAsync("/k8s describe node/node-a");

        var allocated = Table(reply, "Allocated resources").Rows;
        Assert.Equal(["cpu", "4", "500m", "13%", "2", "50%"], allocated[0]);
        Assert.Equal(["memory", "16Gi", "512Mi", "3%", "1Gi", "6%"], allocated[1]);
        Assert.Equal(2, Table(reply, "Pods").Rows.Count);
    }

    [Fact]
    public async Task DescribeHpa_AtMax_ScalingLimitedHighlighted()
    {
        var (reply, text) = await RunAsync("/k8s describe hpa frontend");

        var first = Assert.IsType<SectionBlock>(reply.Message.Blocks[0]).Text.ToPlainText();
        Assert.StartsWith("Scaling is limited: at max 4 (ScalingLimited: TooManyReplicas)", first, StringComparison.Ordinal);
        Assert.Equal(["Resource cpu", "95%", "70%"], Table(reply, "Metrics").Rows.Single());
        Assert.Contains("current 4 · desired 4 · min 2 · max 4", text, StringComparison.Ordinal);
        Assert.Contains("scale up: stabilization 0s, 100% per 15s (select Max)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hpa_List_TargetsAndLimit()
    {
        var (reply, _) = await RunAsync("/k8s hpa");

        var row = Table(reply).Rows.Single();
        Assert.Equal(["frontend", "Deployment/frontend", "cpu: 95%/70%", "2", "4", "4/4", "at max 4 (ScalingLimited: TooManyReplicas)"], row.Take(7));
    }

    [Fact]
    public async Task Events_Namespace_WarningsFirstNewestFirst()
    {
        var (reply, _) = await RunAsync("/k8s events");

        var rows = Table(reply).Rows;
        Assert.Equal(["BackOff", "FailedScheduling", "Pulled", "ScalingReplicaSet"], rows.Select(row => row[1]));
        Assert.Equal(["Warning", "BackOff", "Pod/frontend-7d9f-b", "12", "60s"], rows[0].Take(5));
        Assert.StartsWith("4 events in namespace ecommerce-production: 2 warnings", reply.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_SinceAndFor_Filtered()
    {
        var (reply, _) = await RunAsync("/k8s events --since=1h --for pod/frontend-7d9f-b");

        Assert.Equal(["BackOff", "Pulled"], Table(reply).Rows.Select(row => row[1]));
        var (old, _) = await RunAsync("/k8s events --since 5m");
        Assert.Equal(["BackOff", "Pulled"], Table(old).Rows.Select(row => row[1]));
    }

    [Fact]
    public async Task Logs_Previous_RedactsSecretsAndKeepsTheCrash()
    {
        var (reply, text) = await RunAsync("/k8s logs pod/frontend-7d9f-b --previous --tail 50 -c app");

        var code = reply.Message.Blocks.OfType<CodeBlock>().Single().Code;
        Assert.Contains("JavaScript heap out of memory", code, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", code, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_abcdefghijklmnop", code, StringComparison.Ordinal);
        Assert.Contains("Bearer [REDACTED STRIPE KEY]", code, StringComparison.Ordinal);
        Assert.Contains("postgres://shop:[REDACTED]@db:5432", code, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("Last 4 lines of the previous log of frontend-7d9f-b/app; 1 mention errors.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_Current_TailApplied()
    {
        var (reply, _) = await RunAsync("/k8s logs frontend-7d9f-b --tail=1");

        Assert.Equal("listening on :8080", reply.Message.Blocks.OfType<CodeBlock>().Single().Code);
    }

    [Fact]
    public async Task Logs_UnknownContainer_SaysWhichExist()
    {
        var (reply, _) = await RunAsync("/k8s logs pod/frontend-7d9f-b -c sidecar");

        Assert.Equal("Pod frontend-7d9f-b has no container sidecar; its containers: app.", reply.Message.Text);
    }

    [Fact]
    public async Task TopPods_Namespace_HighestFirstWithPercentages()
    {
        var (reply, text) = await RunAsync("/k8s top pods");

        var rows = Table(reply).Rows;
        Assert.Equal(["frontend-7d9f-b", "900m", "360%", "90%", "500Mi", "195%", "98%"], rows[0]);
        Assert.Equal("frontend-7d9f-a", rows[1][0]);
        Assert.Contains("frontend-7d9f-b: 500Mi of 512Mi (98%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopNodes_UsageVsAllocatable()
    {
        var (reply, text) = await RunAsync("/k8s top nodes");

        var rows = Table(reply).Rows;
        Assert.Equal(["node-a", "3", "75%", "4Gi", "25%"], rows[0]);
        Assert.Contains("no metrics from node-c", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_ProblemNodesFirst()
    {
        var (reply, text) = await RunAsync("/k8s nodes");

        var rows = Table(reply).Rows;
        Assert.Equal(["node-c", "node-a", "node-b"], rows.Select(row => row[0]));
        Assert.Equal("Unknown,SchedulingDisabled", rows[0][1]);
        Assert.Equal("dedicated=payments:NoSchedule", rows[2][5]);
        Assert.Equal("3", rows[2][4]);
        Assert.Equal("3 nodes: 2 ready, 1 not ready", reply.Message.Text);
    }

    [Fact]
    public async Task RolloutStatus_Frontend_KubectlMessage()
    {
        var (reply, _) = await RunAsync("/k8s rollout status deploy/frontend");

        Assert.Equal("Waiting for deployment \"frontend\" rollout to finish: 1 of 4 updated replicas are available...", reply.Message.Text);
        Assert.False(reply.Report!["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RolloutHistory_Frontend_RevisionsWithChangeCause()
    {
        var (reply, _) = await RunAsync("/k8s rollout history deployment/frontend");

        var rows = Table(reply).Rows;
        Assert.Equal(["3 (current)", "deploy 2.4.1 (black friday)", "registry.example.com/frontend:2.4.1"], rows[0].Take(3));
        Assert.Equal(["2", "deploy 2.4.0"], rows[1].Take(2));
    }

    [Fact]
    public async Task Certs_TlsSecrets_ExpiredFirstCriticalUnder14Days()
    {
        var (reply, text) = await RunAsync("/k8s certs");

        var rows = Table(reply).Rows;
        Assert.Equal(["old-tls", "shop-tls", "api-tls"], rows.Select(row => row[2]));
        Assert.Equal(["EXPIRED", "CRITICAL", "ok"], rows.Select(row => row[6]));
        Assert.Equal("10", rows[1][5]);
        Assert.Equal("shop.example.com", rows[1][3]);
        Assert.Contains("3 certificates in namespace ecommerce-production: 1 expired, 1 critical (< 14 days), 0 warning (< 28 days)", text, StringComparison.Ordinal);
    }
}
