using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Teams;
using OpsBot.Testing;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

public sealed class TeamsConnectorTests
{
    private static ChatMessage Alert(int n) => new($"Alert {n}: frontend restarting") { Header = $"Alert {n}", Blocks = [new SectionBlock("frontend restarted 5 times in 10 min")] };

    private static async Task<(IChatChannel Teams, IChatNotifier Notifier)> InstalledAsync(TeamsBotHost host, FakeBotFrameworkChannel channel)
    {
        using var bot = host.CreateClient();
        using var installed = await Activities.PostSignedAsync(bot, channel, Activities.Installed(channel));
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        var teams = host.Services.GetServices<IChatChannel>().Single(candidate => candidate.Platform == ChatPlatform.Teams);
        return (teams, host.Services.GetRequiredService<IChatNotifier>());
    }

    [Fact]
    public async Task Post_ToAStoredChannel_StartsAThreadProactivelyAndFollowUpsReplyInIt()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, notifier) = await InstalledAsync(host, channel);

        var posted = await notifier.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId), Alert(1));
        await notifier.LinkAsync("workflow:wf-1", posted!);
        await notifier.FollowUpAsync("workflow:wf-1", Alert(2));
        await notifier.UpdateAsync("workflow:wf-1", Alert(3));

        Assert.NotNull(posted);
        var calls = channel.Calls;
        Assert.All(calls, call => Assert.True(call.Accepted));
        Assert.Equal("POST /amer/v3/conversations", calls[0].Method + " " + calls[0].Path);
        Assert.Equal(Activities.ChannelId, (string?)calls[0].Body!["channelData"]!["channel"]!["id"]);
        Assert.Equal(FakeBotFrameworkChannel.TenantId, (string?)calls[0].Body!["tenantId"]);
        Assert.Equal(FakeBotFrameworkChannel.BotId, (string?)calls[0].Body!["bot"]!["id"]);
        var root = posted.MessageId;
        Assert.Equal($"POST /amer/v3/conversations/{Activities.ChannelId};messageid={root}/activities/{root}", calls[1].Method + " " + calls[1].Path);
        Assert.Equal($"PUT /amer/v3/conversations/{Activities.ChannelId};messageid={root}/activities/{root}", calls[2].Method + " " + calls[2].Path);
        await NodeValidators.ValidateAsync(null, calls.SelectMany(call => call.Cards).Select((card, i) => (card, i)).ToDictionary(item => "proactive-" + item.i, item => item.card.ToJsonString()));
    }

    [Fact]
    public async Task Post_ToAPersonalChat_SendsToTheConversation()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        using var hello = await Activities.PostSignedAsync(bot, channel, Activities.PersonalMessage(channel, "k8s help"));
        await channel.WaitForCallAsync(call => call.Method == "POST");
        var teams = host.Services.GetServices<IChatChannel>().Single(candidate => candidate.Platform == ChatPlatform.Teams);

        var posted = await teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.PersonalChatId), Alert(1));

        var send = await channel.WaitForCallAsync(call => call.Method == "POST", count: 2);
        Assert.Equal("/amer/v3/conversations/" + Activities.PersonalChatId + "/activities", send.Path);
        Assert.Equal("5002", posted.MessageId);
    }

    [Fact]
    public async Task Post_ToAConversationNeverSeen_SendsNothing()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, notifier) = await InstalledAsync(host, channel);

        var posted = await notifier.PostAsync(new ConversationAddress(ChatPlatform.Teams, "19:elsewhere@thread.tacv2"), Alert(1));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, "19:elsewhere@thread.tacv2"), Alert(1)));

        Assert.Null(posted);
        Assert.Contains("no conversation reference", error.Message, StringComparison.Ordinal);
        Assert.Empty(channel.Calls);
    }

    [Fact]
    public async Task Token_IsCachedForManySendsAndRenewedBeforeItExpires()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, _) = await InstalledAsync(host, channel);
        var thread = new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId, "1001");

        for (var i = 0; i < 5; i++)
        {
            await teams.PostAsync(thread, Alert(i));
        }

        Assert.Equal(1, channel.TokenRequests);
        channel.Time.Advance(channel.TokenLifetime - BotConnectorTokenProvider.RefreshBefore - TimeSpan.FromSeconds(1));
        await teams.PostAsync(thread, Alert(5));
        Assert.Equal(1, channel.TokenRequests);

        channel.Time.Advance(TimeSpan.FromSeconds(2)); // now inside the early-refresh window, the old token still valid
        await teams.PostAsync(thread, Alert(6));

        Assert.Equal(2, channel.TokenRequests);
        Assert.Equal(7, channel.Calls.Count);
        Assert.All(channel.Calls, call => Assert.True(call.Accepted));
    }

    [Fact]
    public async Task Send_Throttled_BacksOffAndSucceeds()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, _) = await InstalledAsync(host, channel);
        channel.FailNext(429, 429);

        var posted = await teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId, "1001"), Alert(1));

        Assert.Equal([429, 429, 201], channel.Calls.Select(call => call.Status));
        Assert.Equal("5001", posted.MessageId);
        Assert.Contains("answered 429; retrying in 1 s", host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BadGatewayAfterTheWriteLanded_IsNotSentAgainAndFailsAsMayHaveLanded()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, _) = await InstalledAsync(host, channel);
        channel.FailNextAfterApplying(502);

        var error = await Assert.ThrowsAsync<BotConnectorException>(() => teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId, "1001"), Alert(1)));

        Assert.Equal(502, error.StatusCode);
        Assert.True(error.MayHaveLanded);
        var call = Assert.Single(channel.Calls);
        Assert.True(call.AppliedDespiteError);
        Assert.Single(host.Logs.Lines, line => line.Contains("failed: HTTP 502", StringComparison.Ordinal) && line.Contains("may have landed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_TooManyRequestsBeyondTheAttempts_FailsAsCertainlyNotPosted()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, _) = await InstalledAsync(host, channel);
        channel.FailNext(Enumerable.Repeat(429, BotConnectorClient.MaxAttempts).ToArray());

        var error = await Assert.ThrowsAsync<BotConnectorException>(() => teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId, "1001"), Alert(1)));

        Assert.False(error.MayHaveLanded);
        Assert.DoesNotContain(channel.Calls, call => call.Applied);
    }

    [Fact]
    public async Task Update_BadGateway_IsSentAgainBecauseAPutIsIdempotent()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, _) = await InstalledAsync(host, channel);
        var posted = await teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId, "1001"), Alert(1));
        channel.FailNextAfterApplying(502);

        await teams.UpdateAsync(posted, Alert(2));

        Assert.Equal(["POST 201", "PUT 502", "PUT 200"], channel.Calls.Select(call => call.Method + " " + call.Status));
        Assert.Equal(1, channel.Calls.Count(call => call.Method == "POST" && call.Applied));
    }

    [Fact]
    public async Task Send_ThrottledBeyondTheAttempts_FailsWithTheCorrelationIdLogged()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        var (teams, _) = await InstalledAsync(host, channel);
        channel.FailNext(Enumerable.Repeat(429, BotConnectorClient.MaxAttempts).ToArray());

        var error = await Assert.ThrowsAsync<BotConnectorException>(() => teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId, "1001"), Alert(1)));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(BotConnectorClient.MaxAttempts, channel.Calls.Count);
        var failure = Assert.Single(host.Logs.Lines, line => line.Contains("failed: HTTP 429", StringComparison.Ordinal));
        Assert.Matches("correlation [0-9a-f]{32}", failure);
        Assert.DoesNotContain(FakeBotFrameworkChannel.AppPassword, host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("connector-token-", host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_WrongPassword_FailsWithWhatToFixAndWithoutTheSecret()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel, ("Teams:AppPassword", "wrong-password-xyz"));
        var (teams, _) = await InstalledAsync(host, channel);

        var error = await Assert.ThrowsAsync<BotConnectorException>(() => teams.PostAsync(new ConversationAddress(ChatPlatform.Teams, Activities.ChannelId, "1001"), Alert(1)));

        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.Contains("Teams:AppPassword", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-xyz", error.Message, StringComparison.Ordinal);
        Assert.Empty(channel.Calls);
    }
}
