using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Tests.Commands;

namespace OpsBot.Tests.Authorization;

/// <summary>Roles × namespaces × channels through the pipeline; every denial answered plainly and audited.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CommandAuthorizationTests(ClusterFixture cluster)
{
    [Theory]
    [InlineData("alice", "incident", "/k8s pods -n ecommerce-production", true)]
    [InlineData("alice", "incident", "/k8s pods -n payments-prod", false)]
    [InlineData("alice", "ops", "/k8s pods -n payments-prod", true)]
    [InlineData("alice", "ops", "/k8s pods", true)]
    [InlineData("bob", "ops", "/k8s pods -n ecommerce-production", false)]
    [InlineData("alice", "incident", "/k8s nodes", true)]
    public async Task HandleAsync_ConsoleUsersAndChannels_AllowedOrDenied(string user, string channel, string command, bool allowed)
    {
        var (pipeline, audit) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console(command, user, channel));

        Assert.Equal(allowed ? AuditOutcome.Ok : AuditOutcome.Denied, audit.Entries.Single().Outcome);
        Assert.Equal(!allowed, reply.Ephemeral);
    }

    [Fact]
    public async Task HandleAsync_ChannelForbidsNamespace_PlainAnswerAuditedNoClusterCall()
    {
        var (pipeline, audit) = cluster.CreatePipeline();
        var before = cluster.Requests.Count;

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods -n payments-prod", "alice", "incident"));

        Assert.Equal(before, cluster.Requests.Count);
        Assert.Equal("Namespace payments-prod is not allowed in this channel (allowed here: ecommerce-*).", reply.Message.Text);
        var entry = audit.Entries.Single();
        Assert.Equal((ChatPlatform.Console, "alice", "incident", "/k8s pods -n payments-prod", AuditOutcome.Denied), (entry.Platform, entry.User, entry.Channel, entry.CommandText, entry.Outcome));
        Assert.Equal(reply.Message.Text, entry.Detail);
        Assert.Equal(cluster.Now, entry.Time);
    }

    [Fact]
    public async Task HandleAsync_RoleLacksNamespace_SaysWhoAndWhat()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(new ChatRequest
        {
            Platform = ChatPlatform.Slack,
            UserId = "U123",
            UserName = "carol",
            ChannelId = "C999",
            Text = "/k8s describe pod ledger-0 -n payments-prod",
        });

        Assert.Equal("You (carol) don't have read access to namespace payments-prod in this channel.", reply.Message.Text);
    }

    [Fact]
    public async Task HandleAsync_UnknownUser_ToldToAskForARole()
    {
        var (pipeline, audit) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods", "mallory", "ops"));

        Assert.Equal("You (mallory) have no role in OpsBot. Ask an OpsBot admin to add console:mallory under Authorization:Users.", reply.Message.Text);
        Assert.Equal(AuditOutcome.Denied, audit.Entries.Single().Outcome);
    }

    [Fact]
    public async Task HandleAsync_SamePlatformIdOtherPlatform_NotTheSameUser()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(new ChatRequest { Platform = ChatPlatform.Teams, UserId = "alice", ChannelId = "incident", Text = "/k8s pods" });

        Assert.StartsWith("You (alice) have no role", reply.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_AllNamespaces_OnlyNamespacesBothRoleAndChannelAllow()
    {
        var (pipeline, _) = cluster.CreatePipeline();

        var reply = await pipeline.HandleAsync(new ChatRequest { Platform = ChatPlatform.Slack, UserId = "U123", ChannelId = "C1", Text = "/k8s pods -A" });

        Assert.DoesNotContain("ledger-0", ClusterFixture.Render(reply), StringComparison.Ordinal);
        Assert.Contains("frontend-7d9f-b", ClusterFixture.Render(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_DefaultRoles_ApplyToEveryone()
    {
        var configuration = new Dictionary<string, string?>(ClusterFixture.DefaultConfiguration)
        {
            ["Authorization:DefaultRoles:0"] = "viewer",
        };
        var (pipeline, _) = cluster.CreatePipeline(configuration);

        var allowed = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods -n ecommerce-production", "dave", "ops"));
        var denied = await pipeline.HandleAsync(ClusterFixture.Console("/k8s pods -n payments-prod", "dave", "ops"));

        Assert.False(allowed.Ephemeral);
        Assert.Equal("You (dave) don't have read access to namespace payments-prod in this channel.", denied.Message.Text);
    }

    [Fact]
    public async Task HandleAsync_ExecutedCommands_AuditedOkWithCorrelationId()
    {
        var (pipeline, audit) = cluster.CreatePipeline();
        var request = ClusterFixture.Console("/k8s hpa");

        await pipeline.HandleAsync(request);

        var entry = audit.Entries.Single();
        Assert.Equal(AuditOutcome.Ok, entry.Outcome);
        Assert.Equal(request.CorrelationId, entry.CorrelationId);
        Assert.Equal("cluster=sim namespace=ecommerce-production", entry.Detail);
    }
}
