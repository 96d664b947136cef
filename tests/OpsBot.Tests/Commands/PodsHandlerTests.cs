using OpsBot.Chat.Messages;
using OpsBot.Audit;

namespace OpsBot.Tests.Commands;

[Collection(ClusterCollection.Name)]
public sealed class PodsHandlerTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Pods_IncidentNamespace_FailingFirstWithKubectlStatuses()
    {
        var (pipeline, audit) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods -n ecommerce-production"));

        var table = reply.Message.Blocks.OfType<TableBlock>().Single();
        var rows = table.Rows.Select(row => (Name: row[0], Ready: row[1], Status: row[2], Restarts: row[3])).ToList();
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"], table.Columns.Select(column => column.Header));
        Assert.Equal(("frontend-7d9f-b", "0/1", "CrashLoopBackOff", "5 (2m ago)"), rows[0]);
        Assert.Equal("ImagePullBackOff", rows[1].Status);
        Assert.Equal(("frontend-7d9f-c", "Pending"), (rows[2].Name, rows[2].Status));
        Assert.Equal(["Running", "Running"], rows.Skip(3).Select(row => row.Status));
        Assert.Equal("5 pods: 2 running, 1 CrashLoopBackOff, 1 ImagePullBackOff, 1 Pending", reply.Message.Text);
        Assert.Equal(5, reply.Report!["total"]!.GetValue<int>());
        Assert.False(reply.Ephemeral);
        Assert.Equal(AuditOutcome.Ok, audit.Entries.Single().Outcome);
        var text = ClusterFixture.Render(reply);
        Assert.Contains("3 pods need attention.", text, StringComparison.Ordinal);
        Assert.Contains("frontend-7d9f-b", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pods_ChannelDefaultNamespaceAndNameFilter_OnlyMatchingPods()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("k8s pods checkout"));

        var table = reply.Message.Blocks.OfType<TableBlock>().Single();
        Assert.Equal("checkout-5c6b-a", Assert.Single(table.Rows)[0]);
    }

    [Fact]
    public async Task Pods_LabelSelector_FiltersOnServer()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods -l app=frontend --problems"));

        var table = reply.Message.Blocks.OfType<TableBlock>().Single();
        Assert.Equal(3, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.StartsWith("frontend-", row[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pods_AllNamespaces_LeavesOutNamespacesTheChannelCannotSee()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods -A"));

        var table = reply.Message.Blocks.OfType<TableBlock>().Single();
        Assert.Equal("NAMESPACE", table.Columns[0].Header);
        Assert.DoesNotContain(table.Rows, row => row[0] == "payments-prod");
        Assert.Contains("1 pods in namespaces you can't see here were left out", ClusterFixture.Render(reply), StringComparison.Ordinal);
    }
}
