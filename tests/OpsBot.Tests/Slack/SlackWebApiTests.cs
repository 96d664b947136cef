using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Slack;
using OpsBot.Testing;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

/// <summary>The Web API client against the fake Slack over real HTTP: auth, errors, 429, pacing, and never posting twice.</summary>
public sealed class SlackWebApiTests
{
    private static ServiceProvider Services(FakeSlack slack, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackRequestSigner.TestSecret,
            ["Slack:BotToken"] = FakeSlack.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddOpsBotSlack(configuration).BuildServiceProvider(validateScopes: true);
    }

    private static SlackChatChannel Channel(ServiceProvider services) =>
        (SlackChatChannel)services.GetServices<IChatChannel>().Single(channel => channel.Platform == ChatPlatform.Slack);

    [Fact]
    public async Task PostMessage_SendsTheBotTokenAndUtf8Json_AndReturnsTheTs()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var services = Services(slack);

        var posted = await Channel(services).PostAsync(new ConversationAddress(ChatPlatform.Slack, "C0OPS", "1900000000.000001"), new ChatMessage("héllo ✓") { Blocks = [new SectionBlock("héllo ✓")] });

        var message = Assert.Single(slack.Messages);
        Assert.Equal(message.Ts, posted.MessageId);
        Assert.Equal("1900000000.000001", message.ThreadTs);
        Assert.Equal("héllo ✓", message.Text);
        var call = Assert.Single(slack.Calls);
        Assert.Equal("Bearer " + FakeSlack.BotToken, call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
    }

    [Fact]
    public async Task SlackError_BecomesATypedErrorWithSlacksCode_AndNoToken()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.ChannelsWithoutBot["C0SECRET"] = true;
        await using var services = Services(slack);
        var api = services.GetRequiredService<SlackApiClient>();

        var notIn = await Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync("C0SECRET", new() { ["text"] = "x" }));
        var noText = await Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync("C0OPS", new() { ["text"] = "" }));
        var badBlocks = await Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync("C0OPS", new() { ["text"] = "x", ["blocks"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["type"] = "section" }) }));
        var missing = await Assert.ThrowsAsync<SlackApiException>(() => api.UpdateMessageAsync("C0OPS", "1.2", new() { ["text"] = "x" }));

        Assert.Equal(("chat.postMessage", "not_in_channel"), (notIn.Method, notIn.Error));
        Assert.Equal("no_text", noText.Error);
        Assert.Equal("invalid_blocks", badBlocks.Error);
        Assert.Equal("message_not_found", missing.Error);
        Assert.All([notIn, noText, badBlocks, missing], error => Assert.DoesNotContain("xoxb", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimited_WaitsRetryAfter_ThenPostsOnce()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.RateLimitNextPosts(1);
        await using var services = Services(slack);
        var api = services.GetRequiredService<SlackApiClient>();

        await api.PostMessageAsync("C0OPS", new() { ["text"] = "after the limit" });

        var calls = slack.Calls;
        Assert.Equal([429, 200], calls.Select(call => call.Status));
        Assert.True(calls[1].ReceivedAt - calls[0].ReceivedAt >= TimeSpan.FromSeconds(slack.RetryAfterSeconds) - TimeSpan.FromMilliseconds(50), "the retry waited Retry-After");
        Assert.Single(slack.Messages);
    }

    [Fact]
    public async Task ServerErrorAfterPosting_IsNotRetried_SoTheMessageIsNeverPostedTwice()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.FailNext("chat.postMessage", 503);
        await using var services = Services(slack);
        var api = services.GetRequiredService<SlackApiClient>();

        var error = await Assert.ThrowsAsync<SlackApiException>(() => api.PostMessageAsync("C0OPS", new() { ["text"] = "once" }));

        Assert.Equal("http_503", error.Error);
        Assert.Single(slack.Calls);
        Assert.Single(slack.Messages); // it landed once; a blind retry would have made two
    }

    [Fact]
    public async Task ServerErrorOnUpdate_IsRetried_BecauseUpdatesAreIdempotent()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var services = Services(slack);
        var api = services.GetRequiredService<SlackApiClient>();
        var ts = await api.PostMessageAsync("C0OPS", new() { ["text"] = "v1" });
        slack.FailNext("chat.update", 502);

        await api.UpdateMessageAsync("C0OPS", ts, new() { ["text"] = "v2" });

        Assert.Equal([200, 502, 200], slack.Calls.Select(call => call.Status));
        Assert.Equal("v2", slack.Messages[^1].Text);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetriedThenReported()
    {
        // A port nothing listens on: the request provably never left, so retrying is safe.
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var slack = await FakeSlack.StartAsync();
        await using var services = Services(slack, ("Slack:ApiBaseUrl", $"http://127.0.0.1:{port}/api/"), ("Slack:MaxRetries", "1"));

        var error = await Assert.ThrowsAsync<SlackApiException>(() => services.GetRequiredService<SlackApiClient>().PostMessageAsync("C0OPS", new() { ["text"] = "x" }));

        Assert.Equal("connection_failed", error.Error);
    }

    [Fact]
    public async Task PostsToOneChannel_AreQueuedAboutOnePerSecond_InOrder_OtherChannelsDoNotWait()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.ChannelRateLimit = TimeSpan.FromMilliseconds(900); // the fake refuses faster posts with 429
        await using var services = Services(slack);
        var api = services.GetRequiredService<SlackApiClient>();

        var posts = Enumerable.Range(1, 4).Select(i => api.PostMessageAsync("C0BUSY", new() { ["text"] = $"update {i}" })).ToList();
        await Task.Delay(50);
        await api.PostMessageAsync("C0QUIET", new() { ["text"] = "elsewhere" });
        await Task.WhenAll(posts);

        var busy = slack.Messages.Where(message => message.Channel == "C0BUSY").ToList();
        Assert.Equal(["update 1", "update 2", "update 3", "update 4"], busy.Select(message => message.Text));
        Assert.All(busy.Zip(busy.Skip(1)), pair => Assert.True(pair.Second.ReceivedAt - pair.First.ReceivedAt >= TimeSpan.FromMilliseconds(950), $"spacing {pair.Second.ReceivedAt - pair.First.ReceivedAt}"));
        Assert.DoesNotContain(slack.Calls, call => call.Status == 429);
        var quiet = slack.Messages.Single(message => message.Channel == "C0QUIET");
        Assert.True(quiet.ReceivedAt < busy[2].ReceivedAt, "another channel does not wait behind a busy one");
    }

    [Fact]
    public async Task UsersInfo_DisplayNamesAreCached()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.Users["UALICE"] = "Alice";
        await using var services = Services(slack);
        var users = services.GetRequiredService<SlackUserDirectory>();

        Assert.Equal("Alice", await users.GetDisplayNameAsync("UALICE"));
        Assert.Equal("Alice", await users.GetDisplayNameAsync("UALICE"));
        Assert.Null(await users.GetDisplayNameAsync("UNOBODY"));

        Assert.Equal(2, slack.Calls.Count(call => call.Method == "users.info"));
    }

    [Fact]
    public void PublicAsyncMethods_Slack_TakeCancellationTokenLast()
    {
        var types = typeof(SlackApiClient).Assembly.GetExportedTypes().Where(type => type.Namespace == typeof(SlackApiClient).Namespace);

        Assert.Empty(AsyncApiConventions.Violations(types));
    }
}
