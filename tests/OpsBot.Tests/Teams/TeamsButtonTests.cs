using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Teams;
using OpsBot.Testing;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

public sealed class TeamsButtonTests
{
    private static async Task<JsonObject> InvokeAsync(HttpClient bot, FakeBotFrameworkChannel channel, string actionId, string value, string cardId = "card-1", string user = "aad-bob")
    {
        using var response = await Activities.PostSignedAsync(bot, channel, Activities.Execute(channel, actionId, value, cardId, user));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonObject CardOf(JsonObject invokeResponse)
    {
        Assert.Equal(200, (int)invokeResponse["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)invokeResponse["type"]);
        return invokeResponse["value"]!.AsObject();
    }

    private static IEnumerable<JsonObject> Actions(JsonObject card) => card["actions"]!.AsArray().Select(action => action!.AsObject());

    [Fact]
    public async Task Execute_ReplacingReply_ReturnsTheNewCardAndRunsAsThePresser()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        var card = CardOf(await InvokeAsync(bot, channel, "test.approve", "wf-7"));

        Assert.Equal("Approved", (string?)card["body"]![0]!["text"]);
        var press = Assert.Single(host.Buttons.Presses);
        Assert.Equal(ChatPlatform.Teams, press.Platform);
        Assert.Equal("aad-bob", press.UserId);
        Assert.Equal("Bob", press.UserName);
        Assert.Equal(Activities.ChannelId, press.ChannelId);
        Assert.Equal(new ButtonPress("test.approve", "wf-7", MessageId: "card-1"), press.Button);
        Assert.Empty(channel.Calls); // the invoke response itself replaces the card
        await NodeValidators.ValidateAsync(null, new Dictionary<string, string> { ["approved"] = card.ToJsonString() });
    }

    [Fact]
    public async Task Execute_SubjectReply_LinksTheCardSoLaterUpdatesReachIt()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        CardOf(await InvokeAsync(bot, channel, "test.approve", "wf-8", cardId: "card-42"));

        await host.Services.GetRequiredService<IChatNotifier>().UpdateAsync("workflow:wf-8", new ChatMessage("Rollback succeeded") { Header = "Succeeded" });

        var update = await channel.WaitForCallAsync(call => call.Method == "PUT");
        Assert.Equal("/amer/v3/conversations/" + Activities.ChannelId + ";messageid=1001/activities/card-42", update.Path);
        Assert.True(update.Accepted);
        Assert.Equal("Rollback succeeded", (string?)update.Body!["text"]);
        Assert.Equal("Succeeded", (string?)Assert.Single(update.Cards)["body"]![0]!["text"]);
        await NodeValidators.ValidateAsync(null, new Dictionary<string, string> { ["linked-update"] = update.Cards.Single().ToJsonString() });
    }

    [Fact]
    public async Task Execute_DangerousButton_AsksToConfirmThenCancelRestoresAndConfirmActs()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        var cards = new Dictionary<string, string>();

        var proposal = CardOf(await InvokeAsync(bot, channel, "test.show", "wf-9"));
        cards["proposal"] = proposal.ToJsonString();
        var rollback = Actions(proposal).Single(action => (string?)action["title"] == "Roll back");
        Assert.Equal("Action.Execute", (string?)rollback["type"]);
        Assert.Equal(TeamsCards.ConfirmActionId, (string?)rollback["verb"]);
        Assert.Equal("destructive", (string?)rollback["style"]);
        Assert.Equal("Action.Submit", (string?)rollback["fallback"]!["type"]);

        var confirm = CardOf(await InvokeAsync(bot, channel, TeamsCards.ConfirmActionId, (string)rollback["data"]!["value"]!));
        cards["confirm"] = confirm.ToJsonString();
        Assert.Equal("Really roll back deploy/frontend?", (string?)confirm["body"]![0]!["text"]);
        Assert.Equal(["Roll back", "Keep it"], Actions(confirm).Select(action => (string?)action["title"]));
        Assert.Equal("test.rollback", (string?)Actions(confirm).First()["verb"]);
        Assert.Single(host.Buttons.Presses); // asking is not acting

        var restored = CardOf(await InvokeAsync(bot, channel, TeamsCards.CancelActionId, string.Empty));
        Assert.Equal(proposal.ToJsonString(), restored.ToJsonString());
        Assert.Single(host.Buttons.Presses);

        var done = CardOf(await InvokeAsync(bot, channel, "test.rollback", "wf-9", user: "aad-alice"));
        cards["done"] = done.ToJsonString();
        Assert.Contains("Rolled back by Alice", done.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("aad-alice", host.Buttons.Presses[^1].UserId);
        await NodeValidators.ValidateAsync(null, cards);
    }

    [Fact]
    public async Task Execute_CancelOfAForgottenCard_SaysNothingWasDone()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        var card = CardOf(await InvokeAsync(bot, channel, TeamsCards.CancelActionId, string.Empty, cardId: "card-unknown"));

        Assert.Contains("nothing was done", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(host.Buttons.Presses);
        await NodeValidators.ValidateAsync(null, new Dictionary<string, string> { ["cancelled"] = card.ToJsonString() });
    }

    [Theory]
    [InlineData("""{"a":"test.rollback"}""")]
    [InlineData("not json")]
    [InlineData("""{"a":"bad id!","v":"x","t":"","x":"","c":"","d":"","s":"danger"}""")]
    public async Task Execute_ForgedConfirmation_IsToldPrivatelyAndNothingRuns(string value)
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        var response = await InvokeAsync(bot, channel, TeamsCards.ConfirmActionId, value);

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)response["type"]);
        Assert.Empty(host.Buttons.Presses);
    }

    [Fact]
    public async Task Execute_PrivateReply_IsShownToThePresserOnly()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        var response = await InvokeAsync(bot, channel, "test.private", "wf-1");

        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)response["type"]);
        Assert.Equal("You cannot approve your own request.", (string?)response["value"]);
        Assert.Empty(channel.Calls);
    }

    [Fact]
    public async Task Execute_NewMessageReply_IsPostedInTheThreadAndTheCardStays()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        var response = await InvokeAsync(bot, channel, "test.post", "x", cardId: "card-5");

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)response["type"]);
        var posted = await channel.WaitForCallAsync(call => call.Method == "POST");
        Assert.Equal("/amer/v3/conversations/" + Activities.ChannelId + ";messageid=1001/activities/card-5", posted.Path);
        Assert.Equal("Posted for Bob", (string?)posted.Body!["text"]);
    }

    [Fact]
    public async Task Execute_WithoutAnOpsBotButton_Is400InvokeError()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        var activity = Activities.Execute(channel, "test.approve", "wf-1", "card-1");
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "../../etc", ["data"] = new JsonObject() } };

        using var response = await Activities.PostSignedAsync(bot, channel, activity);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Empty(host.Buttons.Presses);
    }

    [Fact]
    public async Task Submit_Fallback_UpdatesTheOriginalCardThroughTheConnector()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.Submit(channel, "test.approve", "wf-3", "card-77"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await channel.WaitForCallAsync(call => call.Method == "PUT");
        Assert.Equal("/amer/v3/conversations/" + Activities.ChannelId + ";messageid=1001/activities/card-77", update.Path);
        Assert.True(update.Accepted);
        var card = Assert.Single(update.Cards);
        Assert.Equal("Approved", (string?)card["body"]![0]!["text"]);
        Assert.Equal("aad-bob", Assert.Single(host.Buttons.Presses).UserId);
        await NodeValidators.ValidateAsync(null, new Dictionary<string, string> { ["submit-update"] = card.ToJsonString() });
    }

    [Fact]
    public async Task Submit_NewMessageReply_IsPostedUnderTheCard()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.Submit(channel, "test.post", "x", "card-9"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await channel.WaitForCallAsync(call => call.Method == "POST");
        Assert.Equal("/amer/v3/conversations/" + Activities.ChannelId + ";messageid=1001/activities/card-9", posted.Path);
        Assert.Equal("Posted for Bob", (string?)posted.Body!["text"]);
    }

    [Fact]
    public async Task RedeliveredExecute_SameActivityId_ActsOnceAndAnswersWithTheCardAsShown()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        var press = Activities.Execute(channel, "test.show", "wf-9", "card-9");

        using var first = await Activities.PostSignedAsync(bot, channel, press);
        using var redelivery = await Activities.PostSignedAsync(bot, channel, press);

        var shown = CardOf((await first.Content.ReadFromJsonAsync<JsonObject>())!);
        var again = CardOf((await redelivery.Content.ReadFromJsonAsync<JsonObject>())!);
        Assert.Single(host.Buttons.Presses);
        Assert.Equal(shown.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task RedeliveredExecute_OfACardNotRemembered_ActsOnceAndSaysItWasHandled()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        var press = Activities.Execute(channel, "test.approve", "wf-10", "card-10");

        using var first = await Activities.PostSignedAsync(bot, channel, press);
        using var redelivery = await Activities.PostSignedAsync(bot, channel, press);
        var again = (await redelivery.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single(host.Buttons.Presses);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)again["type"]);
        Assert.Equal("This press was already handled.", (string?)again["value"]);
    }
}
