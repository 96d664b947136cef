using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Commands;

namespace OpsBot.Tests.Console;

/// <summary>The console channel feed through the real host: several people in one channel, later updates, replaced cards.</summary>
public sealed class ConsoleFeedApiTests
{
    private static OpsBotHost HostWithTestWorkflow(params (string Key, string Value)[] settings) => new(
        services =>
        {
            services.AddSingleton<ICommandHandler, TestWorkflowCommand>();
            services.AddSingleton<IButtonHandler, TestWorkflowButton>();
        },
        settings);

    [Fact]
    public async Task Command_NonEphemeralReply_GoesIntoTheChannelFeedWithItsId()
    {
        await using var host = new OpsBotHost();
        var alice = new ConsoleClient(host.CreateClient());

        var reply = await alice.RunAsync("/k8s pods -n ecommerce-production");
        var feed = await alice.FeedAsync();

        var id = (string?)reply["messageId"];
        Assert.NotNull(id);
        var entry = Assert.Single(feed["messages"]!.AsArray())!;
        Assert.Equal(id, (string?)entry["id"]);
        Assert.Equal("alice", (string?)entry["user"]);
        Assert.Equal("/k8s pods -n ecommerce-production", (string?)entry["command"]);
        Assert.Equal((string?)reply["html"], (string?)entry["html"]);
        Assert.Equal((string?)reply["text"], (string?)entry["text"]);
        Assert.NotNull(entry["message"]?["blocks"]);
        Assert.False((bool)entry["updated"]!);
        Assert.Equal((long)reply["sequence"]!, (long)feed["latest"]!);
    }

    [Fact]
    public async Task TwoUsersInOneChannel_SeeEachOthersMessages_AndOtherChannelsDoNot()
    {
        await using var host = new OpsBotHost();
        var http = host.CreateClient();
        var alice = new ConsoleClient(http, "alice", "incident");
        var bob = new ConsoleClient(http, "bob", "incident");
        var elsewhere = new ConsoleClient(http, "bob", "sre");

        await alice.RunAsync("/k8s hpa -n ecommerce-production");
        await bob.RunAsync("/k8s nodes");
        var seenByBob = await bob.FeedAsync();
        var seenByAlice = await alice.FeedAsync();
        var seenElsewhere = await elsewhere.FeedAsync();

        Assert.Equal(["alice", "bob"], seenByBob["messages"]!.AsArray().Select(entry => (string?)entry!["user"]));
        Assert.Equal(seenByBob.ToJsonString(), seenByAlice.ToJsonString());
        Assert.Empty(seenElsewhere["messages"]!.AsArray());
    }

    [Fact]
    public async Task EphemeralReply_StaysWithTheRequester()
    {
        await using var host = new OpsBotHost();
        var mallory = new ConsoleClient(host.CreateClient(), "mallory");

        var reply = await mallory.RunAsync("/k8s pods");
        var feed = await mallory.FeedAsync();

        Assert.True((bool)reply["ephemeral"]!);
        Assert.Null(reply["messageId"]);
        Assert.Empty(feed["messages"]!.AsArray());
    }

    [Fact]
    public async Task WorkflowUpdates_PostedThroughTheNotifier_ReplaceTheCardInPlaceForEveryone()
    {
        await using var host = HostWithTestWorkflow();
        var http = host.CreateClient();
        var alice = new ConsoleClient(http, "alice");
        var bob = new ConsoleClient(http, "bob");
        var card = await alice.RunAsync("/testflow wf-1");
        var seen = (long)(await bob.FeedAsync())["latest"]!;
        var notifier = host.Services.GetRequiredService<IChatNotifier>();

        await notifier.UpdateAsync("workflow:wf-1", TestWorkflowCommand.Card("wf-1", "Executing"));
        var executing = await bob.FeedAsync(seen);
        await notifier.UpdateAsync("workflow:wf-1", TestWorkflowCommand.Card("wf-1", "Succeeded"));
        var succeeded = await bob.FeedAsync((long)executing["latest"]!);
        var all = await bob.FeedAsync();

        var changed = Assert.Single(executing["messages"]!.AsArray())!;
        Assert.Equal((string?)card["messageId"], (string?)changed["id"]);
        Assert.True((bool)changed["updated"]!);
        Assert.Contains("Executing", (string?)changed["text"], StringComparison.Ordinal);
        Assert.Contains("Succeeded", (string?)Assert.Single(succeeded["messages"]!.AsArray())!["text"], StringComparison.Ordinal);
        Assert.Contains("Succeeded", (string?)Assert.Single(all["messages"]!.AsArray())!["text"], StringComparison.Ordinal);
        Assert.Equal("alice", (string?)changed["user"]);
    }

    [Fact]
    public async Task ButtonReplyWithReplaceOriginal_ReplacesTheMessageThatCarriedTheButton()
    {
        await using var host = HostWithTestWorkflow();
        var http = host.CreateClient();
        var alice = new ConsoleClient(http, "alice");
        var bob = new ConsoleClient(http, "bob");
        var card = await alice.RunAsync("/testflow wf-2");

        var pressed = await bob.PressAsync(TestWorkflowButton.Approve, "wf-2", (string?)card["messageId"]);
        var feed = await alice.FeedAsync();

        Assert.True((bool)pressed["replaced"]!);
        Assert.Equal((string?)card["messageId"], (string?)pressed["messageId"]);
        var entry = Assert.Single(feed["messages"]!.AsArray())!;
        Assert.Equal("Workflow wf-2: Approved by bob", (string?)entry["text"]);
        Assert.True((bool)entry["updated"]!);
    }

    [Fact]
    public async Task ButtonReplyWithReplaceOriginal_UnknownMessage_IsPostedAsNew()
    {
        await using var host = HostWithTestWorkflow();
        var bob = new ConsoleClient(host.CreateClient(), "bob");

        var pressed = await bob.PressAsync(TestWorkflowButton.Approve, "wf-3", "m999");
        var feed = await bob.FeedAsync();

        Assert.False((bool)pressed["replaced"]!);
        Assert.Equal("[button testflow.approve]", (string?)Assert.Single(feed["messages"]!.AsArray())!["command"]);
    }

    [Fact]
    public async Task RunCommandButton_IsPostedWithTheCommandItRan()
    {
        await using var host = new OpsBotHost();
        var alice = new ConsoleClient(host.CreateClient());

        var reply = await alice.PressAsync(RunCommandButton.ActionId, "/k8s nodes");
        var feed = await alice.FeedAsync();

        Assert.Contains("Nodes", (string?)reply["text"], StringComparison.Ordinal);
        Assert.Equal("/k8s nodes", (string?)Assert.Single(feed["messages"]!.AsArray())!["command"]);
    }

    [Theory]
    [InlineData("/api/console/channels/%3Cscript%3E/messages", "The channel must be")]
    [InlineData("/api/console/channels/incident/messages?after=-1", "\"after\" must be a sequence number")]
    [InlineData("/api/console/channels/incident/messages?after=abc", "\"after\" must be a sequence number")]
    [InlineData("/api/console/channels/incident/messages?after=99999999999999999999", "\"after\" must be a sequence number")]
    public async Task Feed_BadChannelOrSequence_IsRefused(string path, string error)
    {
        await using var host = new OpsBotHost();
        using var http = host.CreateClient();

        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(error, (string?)System.Text.Json.Nodes.JsonNode.Parse(body)!["error"], StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_BadMessageId_IsRefused()
    {
        await using var host = new OpsBotHost();
        var alice = new ConsoleClient(host.CreateClient());

        var (status, body) = await alice.PostAsync("/api/console/actions", new { actionId = RunCommandButton.ActionId, value = "/k8s nodes", user = "alice", messageId = "<img src=x>" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("\"messageId\" must be", (string?)body["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_TokenConfigured_RequiresIt()
    {
        await using var host = new OpsBotHost(("Console:Token", "feed-token-123"));
        using var http = host.CreateClient();

        using var without = await http.GetAsync("/api/console/channels/incident/messages");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "feed-token-123");
        using var with = await http.GetAsync("/api/console/channels/incident/messages");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task NotifierPost_IsTheBotsOwnMessageInTheThread()
    {
        await using var host = HostWithTestWorkflow();
        var alice = new ConsoleClient(host.CreateClient());
        var card = await alice.RunAsync("/testflow wf-4");

        await host.Services.GetRequiredService<IChatNotifier>().FollowUpAsync("workflow:wf-4", new OpsBot.Chat.Messages.ChatMessage("Rollback verified: 3/3 pods ready."));
        var feed = await alice.FeedAsync((long)card["sequence"]!);

        var followUp = Assert.Single(feed["messages"]!.AsArray())!;
        Assert.Null((string?)followUp["user"]);
        Assert.Equal((string?)card["messageId"], (string?)followUp["threadId"]);
        Assert.Equal("Rollback verified: 3/3 pods ready.", (string?)followUp["text"]);
    }
}
