using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Testing;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

public sealed class SlackCommandTests
{
    // A budget long enough that the reply is always ready in time on a busy test machine.
    private static readonly (string, string) GenerousBudget = ("Slack:InlineReplyBudget", "00:00:02");

    [Fact]
    public async Task QuickCommand_ReadyWithinTheBudget_AnswersInTheAck_InChannel()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();

        using var response = await host.CommandAsync(client, "/k8s", "pods -n ecommerce-production", slack.NewResponseUrl("C0INCIDENT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("in_channel", (string?)ack["response_type"]);
        Assert.Contains("ecommerce-production", (string?)ack["text"], StringComparison.Ordinal);
        Assert.NotEmpty(ack["blocks"]!.AsArray());
        await NodeValidators.ValidateAsync(new Dictionary<string, string> { ["ack"] = new JsonObject { ["text"] = ack["text"]!.DeepClone(), ["blocks"] = ack["blocks"]!.DeepClone() }.ToJsonString() }, null);
    }

    [Fact]
    public async Task QuickCommand_NotReadyWithinTheBudget_AcksEmptyAndAnswersThroughResponseUrl()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, ("Slack:InlineReplyBudget", "00:00:00"));
        using var client = host.Client();
        var responseUrl = slack.NewResponseUrl("C0INCIDENT");

        using var response = await host.CommandAsync(client, "/countme", "later", responseUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var reply = await slack.WaitForMessageAsync(message => message.Text == "counted later 1");
        Assert.Equal(("response_url", "in_channel", false), (reply.Method, reply.ResponseType, reply.ReplaceOriginal));
        Assert.DoesNotContain(slack.Messages, message => message.Text?.StartsWith("Working on", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task RefusedCommand_AnswersInTheAck_Ephemeral()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();

        using var response = await host.CommandAsync(client, "/k8s", "pods", slack.NewResponseUrl("C0INCIDENT"), user: "UMALLORY");

        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)ack["response_type"]);
        Assert.Contains("slack:UMALLORY", (string?)ack["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenSecondCommand_AcksWithinThreeSeconds_ShowsAPlaceholder_ThenItsResultReplacesIt()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var responseUrl = slack.NewResponseUrl("C0INCIDENT");

        var started = Stopwatch.StartNew();
        using var response = await host.CommandAsync(client, "/slowtest", "", responseUrl);
        var acked = started.Elapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(acked < TimeSpan.FromSeconds(3), $"acked after {acked}");
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());

        // While the work runs, the requester sees a placeholder (only they do).
        var placeholder = await slack.WaitForMessageAsync(message => message.Text?.StartsWith("Working on", StringComparison.Ordinal) == true);
        Assert.Equal("ephemeral", placeholder.ResponseType);
        Assert.DoesNotContain(slack.Messages, message => message.Text == "slow result");

        // The result arrives after the handler's 10 s; the placeholder is deleted and the result posted for the channel.
        var result = await slack.WaitForMessageAsync(message => message.Text == "slow result", TimeSpan.FromSeconds(30));
        Assert.True(started.Elapsed >= TestCommands.SlowCommand.Duration);
        Assert.Equal(("response_url", "in_channel"), (result.Method, result.ResponseType));
        var messages = slack.Messages.ToList();
        Assert.True(messages.IndexOf(placeholder) < messages.FindIndex(message => message.DeleteOriginal), "the placeholder is deleted after it was shown");
        Assert.True(messages.FindIndex(message => message.DeleteOriginal) < messages.IndexOf(result), "…and before the result is posted");
        Assert.Equal("slow result", (string?)slack.OriginalOf(responseUrl)?["text"]);
        Assert.Single(slack.Messages, message => message.Text == "slow result");
    }

    [Fact]
    public async Task RetriedCommand_SameTriggerId_RunsOnce()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, ("Slack:InlineReplyBudget", "00:00:00"));
        using var client = host.Client();
        var body = SlackRequestSigner.CommandForm("/countme", "retry", "UALICE", "C0INCIDENT", slack.NewResponseUrl("C0INCIDENT"), SlackPayloads.NewTriggerId());

        using var first = await client.SendAsync(host.Signer.Request("/slack/commands", body, DateTimeOffset.UtcNow));
        var answered = await slack.WaitForMessageAsync(message => message.Text == "counted retry 1");
        using var retry = host.Signer.Request("/slack/commands", body, DateTimeOffset.UtcNow);
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        retry.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        using var second = await client.SendAsync(retry);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        await Task.Delay(300);
        Assert.Equal(1, host.Commands.Counting.Runs["retry"]);
        Assert.Single(slack.Messages, message => message.Text == answered.Text);
    }

    [Fact]
    public async Task ReplyWithSubject_IsPostedWithChatPostMessage_LinkedAndFollowedUpInItsThread()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var response = await host.CommandAsync(client, "/subjecttest", "wf1", slack.NewResponseUrl("C0INCIDENT"));

        Assert.Empty(await response.Content.ReadAsByteArrayAsync()); // the reply is posted, not put in the ack
        var card = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage");
        Assert.Equal("C0INCIDENT", card.Channel);
        var danger = card.Blocks!.OfType<JsonObject>().Single(block => (string?)block["type"] == "actions")["elements"]!.AsArray()
            .Single(button => (string?)button!["style"] == "danger")!;
        Assert.Equal("Reject?", (string?)danger["confirm"]?["title"]?["text"]); // dangerous buttons ask first

        // The bot links the message once chat.postMessage has answered, just after the fake recorded it.
        var links = host.Services.GetRequiredService<IMessageLinkStore>();
        var linked = Assert.Single(await Eventually.ValueAsync(() => links.GetAsync("test:wf1"), found => found.Count > 0, "the card linked to its subject"));
        Assert.Equal(card.Ts, linked.MessageId);

        var notifier = host.Services.GetRequiredService<IChatNotifier>();
        await notifier.FollowUpAsync("test:wf1", new ChatMessage("Rolled back; pods are ready."));
        await notifier.UpdateAsync("test:wf1", new ChatMessage("Succeeded") { Blocks = [new SectionBlock("Succeeded")] });

        var followUp = await slack.WaitForMessageAsync(message => message.Text == "Rolled back; pods are ready.");
        Assert.Equal(card.Ts, followUp.ThreadTs);
        var update = await slack.WaitForMessageAsync(message => message.Method == "chat.update");
        Assert.Equal(card.Ts, update.Ts);
        Assert.All(slack.Calls, call => Assert.Equal("Bearer " + FakeSlack.BotToken, call.Authorization));
        Assert.All(slack.Calls, call => Assert.Equal("application/json; charset=utf-8", call.ContentType));
        await NodeValidators.ValidateAsync(slack.BlockKitPayloads(), null);
    }

    [Fact]
    public async Task ReplyWithSubject_InAChannelWithoutTheBot_FallsBackToResponseUrl()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.ChannelsWithoutBot["C0PRIVATE"] = true;
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var response = await host.CommandAsync(client, "/subjecttest", "wf2", slack.NewResponseUrl("C0PRIVATE"), channel: "C0PRIVATE");

        var reply = await slack.WaitForMessageAsync(message => message.Method == "response_url");
        Assert.Equal("in_channel", reply.ResponseType);
        Assert.Contains(slack.Calls, call => call.Error == "not_in_channel");
    }
}
