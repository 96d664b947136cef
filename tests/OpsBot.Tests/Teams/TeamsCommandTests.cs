using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Teams;
using OpsBot.Testing;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

public sealed class TeamsCommandTests
{
    [Fact]
    public async Task ChannelMessage_MentionStrippedCommand_RunsAsTheSenderAndTheCardArrivesInTheThread()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s pods -n ecommerce-production"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await channel.WaitForCallAsync(call => call.Method == "POST");
        Assert.Equal("/amer/v3/conversations/" + Activities.ChannelId + ";messageid=1001/activities/1001", reply.Path);
        Assert.True(reply.Accepted);
        Assert.Equal("message", (string?)reply.Body!["type"]);
        Assert.Equal("1001", (string?)reply.Body["replyToId"]);
        Assert.Equal(FakeBotFrameworkChannel.BotId, (string?)reply.Body["from"]!["id"]);
        Assert.Contains("ecommerce-production", (string?)reply.Body["text"], StringComparison.Ordinal);
        var card = Assert.Single(reply.Cards);
        Assert.Equal("1.5", (string?)card["version"]);
        await NodeValidators.ValidateAsync(null, new Dictionary<string, string> { ["pods-reply"] = card.ToJsonString() });
        var audit = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery()));
        Assert.Equal(ChatPlatform.Teams, audit.Platform);
        Assert.Equal("aad-alice", audit.User);
        Assert.Equal(Activities.ChannelId, audit.Channel);
        Assert.Equal("k8s pods -n ecommerce-production", audit.CommandText);
    }

    [Theory]
    [InlineData("/k8s pods -n ecommerce-production")]
    [InlineData("k8s pods -n ecommerce-production")]
    [InlineData("<at>OpsBot</at>&nbsp;/k8s pods -n ecommerce-production")]
    public async Task PersonalMessage_WithOrWithoutSlash_RunsTheSameCommand(string text)
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.PersonalMessage(channel, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await channel.WaitForCallAsync(call => call.Method == "POST");
        Assert.Equal("/amer/v3/conversations/" + Activities.PersonalChatId + "/activities/1700000000001", reply.Path);
        Assert.Contains("ecommerce-production", (string?)reply.Body!["text"], StringComparison.Ordinal);
        var audit = Assert.Single(await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery()));
        Assert.Equal(AuditOutcome.Ok, audit.Outcome);
    }

    [Fact]
    public async Task ChannelMessage_UnknownUser_IsToldInTheThreadWhoToAsk()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s pods", user: "aad-mallory"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await channel.WaitForCallAsync(call => call.Method == "POST");
        Assert.EndsWith("/activities/1001", reply.Path, StringComparison.Ordinal);
        Assert.Contains("teams:aad-mallory", (string?)reply.Body!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_Accepted_SavesTheConversationReferenceForProactivePosts()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = await host.Services.GetRequiredService<ConversationReferences>().GetAsync(Activities.ChannelId);
        Assert.Equal(new ConversationReference(channel.ServiceUrl, Activities.ChannelId, "channel", FakeBotFrameworkChannel.TenantId, FakeBotFrameworkChannel.BotId, "OpsBot", "19:team-general@thread.tacv2"), reference);
        var stored = await host.Services.GetRequiredService<IConversationReferenceStore>().ListAsync();
        var single = Assert.Single(stored);
        Assert.Equal(ConversationReferences.KeyPrefix + Activities.ChannelId, single.Key);
        Assert.Equal(channel.ServiceUrl, (string?)JsonNode.Parse(single.Json)!["serviceUrl"]);
    }

    [Fact]
    public async Task RedeliveredMessage_SameActivityId_RunsTheCommandOnce()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        var activity = Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s pods -n ecommerce-production");

        using var first = await Activities.PostSignedAsync(bot, channel, activity);
        using var redelivery = await Activities.PostSignedAsync(bot, channel, activity);
        using var next = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help", messageId: "1002"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.EndsWith("/activities/1002", StringComparison.Ordinal));
        await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.EndsWith("/activities/1001", StringComparison.Ordinal));
        Assert.Single(channel.Calls, call => call.Path.EndsWith("/activities/1001", StringComparison.Ordinal));
        var audit = await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery());
        Assert.Single(audit, entry => entry.CommandText == "k8s pods -n ecommerce-production");
        Assert.Contains("activity 1001 was already handled", host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageRefusedWhileTheQueueIsFull_RunsWhenRedelivered()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        // The after-ack worker Slack and Teams share, filled to capacity with work that waits.
        var work = host.Services.GetRequiredService<AfterAckWork>();
        var busy = new TaskCompletionSource();
        var admitted = 0;
        while (work.TryRun("busy", _ => busy.Task))
        {
            admitted++;
        }

        Assert.Equal(AfterAckWork.Capacity, admitted);

        var activity = Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s pods -n ecommerce-production");
        using var refused = await Activities.PostSignedAsync(bot, channel, activity);
        busy.SetResult();
        await work.WhenIdleAsync();
        using var redelivery = await Activities.PostSignedAsync(bot, channel, activity);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivery.StatusCode);
        var reply = await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.EndsWith("/activities/1001", StringComparison.Ordinal));
        Assert.Contains("ecommerce-production", (string?)reply.Body!["text"], StringComparison.Ordinal);
    }
}
