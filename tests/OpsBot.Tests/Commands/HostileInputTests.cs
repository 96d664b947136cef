using OpsBot.Audit;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Commands;

/// <summary>Hostile input through the whole pipeline: a clean ephemeral error with usage, nothing sent to the cluster, nothing reflected as markup.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HostileInputTests(ClusterFixture cluster)
{
    public static TheoryData<string> Hostile => new()
    {
        "/k8s pods -n " + new string('a', 5_000),
        "/k8s describe pod ../../../etc/passwd",
        "/k8s logs pod/web-1 -c $(rm -rf /)",
        "/k8s pods -n `id`",
        "/k8s describe pod <script>alert(1)</script>",
        "/k8s describe pod <!channel>",
        "/k8s describe pod *bold*_x_",
        "/k8s describe pod [x](javascript:alert(1))",
        "/k8s describe pod \u202Egnp.exe",
        "/k8s describe pod 🔥🔥🔥",
        "/k8s describe pod Ünïcödé",
        "/k8s pods -n 'sh\"op'",
        "/k8s pods -l 'app=<b>x</b>'",
        "/k8s events --for pod/%2e%2e",
        "/k8s logs pod/web-1 --tail 99999999999999999999",
        "/k8s pods -n shop; kubectl delete ns shop",
        "/k8s pods \"",
        "/k8s rm -rf",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task HandleAsync_HostileInput_CleanErrorWithUsageAndNoClusterCall(string text)
    {
        var (pipeline, audit) = cluster.CreatePipeline();
        var before = cluster.Requests.Count;

        var reply = await pipeline.HandleAsync(ClusterFixture.Console(text));

        Assert.Equal(before, cluster.Requests.Count);
        Assert.True(reply.Ephemeral);
        Assert.StartsWith("Can't run that: ", reply.Message.Text, StringComparison.Ordinal);
        Assert.Contains(reply.Message.Blocks.OfType<SectionBlock>(), block => block.Fields.Any(field => field.Label is "Usage" or "Commands"));
        Assert.Equal(AuditOutcome.Invalid, audit.Entries.Single().Outcome);
        var plain = ClusterFixture.Render(reply);
        Assert.DoesNotContain("Exception", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", plain, StringComparison.Ordinal);
        var html = new HtmlRenderer().Render(reply.Message);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        var slack = new SlackBlockKitRenderer().Render(reply.Message).ToJsonString();
        Assert.DoesNotContain("<!channel>", slack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_UnknownCluster_NamesKnownClustersWithoutCall()
    {
        var (pipeline, audit) = cluster.CreatePipeline();
        var before = cluster.Requests.Count;

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods --cluster ../../prod"));

        Assert.Equal(before, cluster.Requests.Count);
        Assert.Equal("Unknown cluster \"../../prod\". Known clusters: sim.", reply.Message.Text);
        Assert.True(reply.Ephemeral);
        Assert.Equal(AuditOutcome.Invalid, audit.Entries.Single().Outcome);
    }

    [Fact]
    public async Task HandleAsync_UnknownSubcommand_SuggestsAndListsCommands()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s lgos pod/x"));

        var text = ClusterFixture.Render(reply);
        Assert.Contains("Did you mean /k8s logs?", text, StringComparison.Ordinal);
        Assert.Contains("/k8s describe pod NAME", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_BadFlag_ShowsThatCommandsUsage()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s logs pod/web-1 --tail lots"));

        var usage = reply.Message.Blocks.OfType<SectionBlock>().SelectMany(block => block.Fields).Single(field => field.Label == "Usage");
        Assert.StartsWith("/k8s logs pod/NAME [-c CONTAINER] [-p] [--tail N] [--since DURATION]", usage.Value.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_Help_ListsEveryCommandEphemeral()
    {
        var (pipeline, _) = cluster.CreatePipeline();
        var before = cluster.Requests.Count;

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s help"));

        Assert.True(reply.Ephemeral);
        Assert.Equal(before, cluster.Requests.Count);
        var commands = reply.Message.Blocks.OfType<TableBlock>().Single().Rows.Select(row => row[0].Split(' ')[0..2]).Select(words => string.Join(' ', words)).ToList();
        Assert.Contains("/k8s pods", commands);
        Assert.Contains("/k8s certs", commands);
        Assert.Equal(24, reply.Message.Blocks.OfType<TableBlock>().Single().Rows.Count);
    }

    [Fact]
    public async Task HandleAsync_CommandHelp_FlagsAndExamples()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods --help"));

        var text = ClusterFixture.Render(reply);
        Assert.Contains("-l, --selector SELECTOR", text, StringComparison.Ordinal);
        Assert.Contains("-A, --all-namespaces", text, StringComparison.Ordinal);
        Assert.Contains("/k8s pods -l app=frontend", text, StringComparison.Ordinal);
        Assert.Contains("read permission on the namespace", text, StringComparison.Ordinal);
    }
}
