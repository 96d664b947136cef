using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using OpsBot.Testing.Slack;
using OpsBot.Tests.Slack;

namespace OpsBot.Tests.Incidents;

/// <summary><c>/incident declare</c> from Slack through signed slash commands against <see cref="FakeSlack"/>, which checks what Slack checks (scopes, channel names).</summary>
public sealed class IncidentSlackTests
{
    private static readonly (string, string) GenerousBudget = ("Slack:InlineReplyBudget", "00:00:02");

    [Fact]
    public async Task Declare_WithChannelsManage_CreatesTheSluggedChannel_InvitesAndPostsTheCardThere()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();

        var ack = await DeclareAsync(host, client, slack, "sev1 \"Checkout <returns> 500s — ünïcødé\" --commander <@UBOB|bob>");

        var (name, channel) = Assert.Single(slack.CreatedChannels);
        Assert.Matches(@"^inc-\d{4}-0001-checkout-returns-500s-unicode$", name);
        Assert.Equal([(channel, "UALICE"), (channel, "UBOB")], slack.Invites.OrderBy(invite => invite.User, StringComparer.Ordinal).ToList());
        var card = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == channel);
        Assert.Contains("500s", card.Text, StringComparison.Ordinal);
        Assert.Null(FakeSlackBlockKit.Problem(card.Blocks));
        Assert.Equal("in_channel", (string?)ack["response_type"]);
        Assert.Contains($"Worked in #{name}", (string?)ack["text"], StringComparison.Ordinal);
        Assert.Contains("Commander: bob", (string?)ack["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declare_WithoutChannelsManage_FallsBackToAThreadInTheDeclaringChannel_AndSaysWhy()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.Scopes.TryRemove("channels:manage", out _);
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();

        var ack = await DeclareAsync(host, client, slack, "sev2 \"Slow search\"");

        Assert.Empty(slack.CreatedChannels);
        Assert.Contains(slack.Calls, call => call.Method == "conversations.create" && call.Error == "missing_scope");
        var card = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == "C0INCIDENT");
        Assert.Null(card.ThreadTs);
        Assert.Contains("Slow search", card.Text, StringComparison.Ordinal);
        Assert.Contains("channels:manage", (string?)ack["text"], StringComparison.Ordinal);
        Assert.Contains("thread", (string?)ack["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardButton_PressedInSlack_WritesThePressedCardOnce_AndAnswersInTheChannel()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        await DeclareAsync(host, client, slack, "sev2 \"Checkout slow\"");
        var (_, channel) = Assert.Single(slack.CreatedChannels);
        var card = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == channel);
        var id = Regex.Match(card.Text!, @"INC-\d{4}-\d{4}").Value;
        // /incident show elsewhere makes a second copy of the card, which the press updates too.
        await host.CommandAsync(client, "/incident", "show " + id, slack.NewResponseUrl("C0OTHER"), channel: "C0OTHER");
        var copy = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == "C0OTHER");

        await host.Services.GetRequiredService<OpsBot.Chat.Delivery.AfterAckWork>().WhenIdleAsync();
        var before = slack.Messages.Count;
        var payload = SlackPayloads.BlockActions("UBOB", channel, "incident.status", id + "|Investigate", slack.NewResponseUrl(channel), card.Ts!);
        using var response = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == channel && message.Ts != card.Ts && message.Text!.Contains("nvestigat", StringComparison.Ordinal));
        Assert.Contains(id, answer.Text, StringComparison.Ordinal);
        var other = await slack.WaitForMessageAsync(message => message.Method == "chat.update" && message.Ts == copy.Ts);
        Assert.Contains("Investigating", other.Blocks!.ToJsonString(), StringComparison.Ordinal);
        var pressed = await slack.WaitForMessageAsync(message => message.Method == "chat.update" && message.Ts == card.Ts);
        Assert.Contains("Investigating", pressed.Blocks!.ToJsonString(), StringComparison.Ordinal);
        // Both copies are written before the press's work ends: nothing writes the pressed copy a second time.
        await host.Services.GetRequiredService<OpsBot.Chat.Delivery.AfterAckWork>().WhenIdleAsync();
        var written = slack.Messages.Skip(before).ToList();
        Assert.Single(written, message => message.Method == "chat.update" && message.Ts == card.Ts);
        Assert.Single(written, message => message.Method == "chat.update" && message.Ts == copy.Ts);
    }

    [Fact]
    public async Task RoleCommand_InSlack_MentionsTheAssignedPerson_InTheAnswerAndOnTheCard()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        await DeclareAsync(host, client, slack, "sev2 \"Checkout slow\"");
        var (_, channel) = Assert.Single(slack.CreatedChannels);
        var card = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == channel);
        Assert.Contains("<@UALICE>", Unescaped(card.Blocks), StringComparison.Ordinal);

        var answer = await RunAsync(host, client, slack, "role comms <@UBOB|bob>", channel);

        Assert.Contains("<@UBOB>", Unescaped(answer["blocks"]), StringComparison.Ordinal);
        var updated = await slack.WaitForMessageAsync(message => message.Method == "chat.update" && message.Ts == card.Ts && Unescaped(message.Blocks).Contains("<@UBOB>", StringComparison.Ordinal));
        Assert.Null(FakeSlackBlockKit.Problem(updated.Blocks));
    }

    [Fact]
    public async Task PushpinReaction_OnAMessageOfTheIncidentChannel_AddsItsTextToTheTimelineOnce()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        await DeclareAsync(host, client, slack, "sev2 \"Checkout slow\"");
        var (_, channel) = Assert.Single(slack.CreatedChannels);
        var ts = slack.Say(channel, "UCAROL", "payments-db failover started at 03:12 &lt;see runbook&gt;");

        foreach (var eventId in new[] { "Ev0PIN1", "Ev0PIN2" })
        {
            var body = SlackPayloads.ReactionAdded(eventId, "UBOB", "pushpin", channel, ts).ToJsonString();
            using var response = await client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await host.Services.GetRequiredService<OpsBot.Chat.Delivery.AfterAckWork>().WhenIdleAsync();
        }

        Assert.Contains(slack.Calls, call => call.Method == "conversations.history");
        var incident = await host.Services.GetRequiredService<OpsBot.Incidents.IncidentCommands>().FindHereAsync(new OpsBot.Chat.ChatRequest { Platform = OpsBot.Chat.ChatPlatform.Slack, UserId = "UBOB", ChannelId = channel });
        var pinned = Assert.Single(incident!.Timeline.OfType<OpsBot.Workflows.Incidents.Timeline.MessagePinned>());
        Assert.Equal(("payments-db failover started at 03:12 <see runbook>", ts, "UCAROL"), (pinned.Text, pinned.MessageId, pinned.Author));
        Assert.Equal("UBOB", pinned.By!.UserId);
        Assert.Contains(slack.Messages, message => message.Method == "chat.postMessage" && message.Channel == channel && message.Text!.Contains("Pinned", StringComparison.Ordinal));
    }

    private static string Unescaped(JsonNode? blocks) =>
        (blocks?.ToJsonString() ?? string.Empty).Replace("\\u003C", "<", StringComparison.Ordinal).Replace("\\u003E", ">", StringComparison.Ordinal);

    private static Task<JsonNode> DeclareAsync(SlackHost host, HttpClient client, FakeSlack slack, string text) =>
        RunAsync(host, client, slack, "declare " + text, "C0INCIDENT");

    private static async Task<JsonNode> RunAsync(SlackHost host, HttpClient client, FakeSlack slack, string text, string channel)
    {
        var before = slack.Messages.Count;
        using var response = await host.CommandAsync(client, "/incident", text, slack.NewResponseUrl(channel), channel: channel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (body.Length > 0)
        {
            return JsonNode.Parse(body)!;
        }

        var reply = await slack.WaitForMessageAsync(message => message.Method == "response_url" && message.Channel == channel && slack.Messages.ToList().IndexOf(message) >= before);
        return reply.Body;
    }
}
