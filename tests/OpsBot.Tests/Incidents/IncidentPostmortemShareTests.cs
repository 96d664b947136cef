using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat.Delivery;
using OpsBot.Testing.Slack;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Slack;
using OpsBot.Tests.Teams;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Tests.Incidents;

/// <summary>
/// <c>/incident postmortem</c> shares the draft where the incident is worked: uploaded to its Slack channel as a file through
/// <see cref="FakeSlack"/>'s external upload (which checks scope, length, issued ids and the channel), the link on Teams.
/// </summary>
public sealed class IncidentPostmortemShareTests
{
    private static readonly (string, string) GenerousBudget = ("Slack:InlineReplyBudget", "00:00:02");

    [Fact]
    public async Task Postmortem_InTheIncidentsSlackChannel_UploadsTheMarkdownThere_AndAgainWhenRewritten()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        var (id, channel) = await DeclareAndResolveAsync(host, client, slack);

        var answer = await RunAsync(host, client, slack, "postmortem", channel);

        var file = Assert.Single(slack.Files);
        Assert.Equal(($"postmortem-{id}.md", channel, null), (file.Filename, file.Channel, file.ThreadTs));
        Assert.Contains(id, file.Title, StringComparison.Ordinal);
        Assert.Equal(Body(await client.GetStringAsync($"/api/incidents/{id}/postmortem.md")), Body(Encoding.UTF8.GetString(file.Content)));
        Assert.Contains("Checkout <slow> & *sad*", Encoding.UTF8.GetString(file.Content).Replace("\\", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(
            ["files.getUploadURLExternal", "upload_url", "files.completeUploadExternal"],
            slack.Calls.Where(call => call.Method.StartsWith("files.", StringComparison.Ordinal) || call.Method == "upload_url").Select(call => call.Method + (call.Error is null ? string.Empty : " " + call.Error)).ToList());
        Assert.StartsWith("application/x-www-form-urlencoded", slack.Calls.Single(call => call.Method == "files.getUploadURLExternal").ContentType, StringComparison.Ordinal);
        Assert.Contains($"Uploaded to Slack as postmortem-{id}.md", Text(answer), StringComparison.Ordinal);
        Assert.Contains($"/api/incidents/{id}/postmortem.md", Text(answer), StringComparison.Ordinal);

        await RunAsync(host, client, slack, "note \"the cache was cold\"", channel);
        await RunAsync(host, client, slack, "postmortem", channel);

        Assert.Equal(2, slack.Files.Count);
        Assert.Contains("the cache was cold", Encoding.UTF8.GetString(slack.Files.Last().Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postmortem_WithoutFilesWrite_SaysSoAndGivesTheLink_AndTheDraftIsStillWritten()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget, ("Console:PublicUrl", "https://opsbot.example.com/"));
        using var client = host.Client();
        var (id, channel) = await DeclareAndResolveAsync(host, client, slack);
        slack.Scopes.TryRemove("files:write", out _);

        var answer = await RunAsync(host, client, slack, "postmortem", channel);

        Assert.Empty(slack.Files);
        Assert.Contains(slack.Calls, call => call.Method == "files.getUploadURLExternal" && call.Error == "missing_scope");
        Assert.DoesNotContain(slack.Calls, call => call.Method == "files.completeUploadExternal");
        Assert.Contains("files:write", Text(answer), StringComparison.Ordinal);
        Assert.Contains($"https://opsbot.example.com/api/incidents/{id}/postmortem.md", Text(answer), StringComparison.Ordinal);
        var incident = await host.Services.GetRequiredService<IncidentService>().GetAsync(id);
        Assert.NotNull(incident!.Postmortem);
    }

    [Fact]
    public async Task Postmortem_FromTeams_AnswersWithThePublicLink_AndUploadsNothing()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel, ("Console:PublicUrl", "https://opsbot.example.com"));
        using var bot = host.CreateClient();
        using var declared = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> incident declare sev3 \"Slow search\""));
        var thread = await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path == "/amer/v3/conversations");
        var root = thread.ActivityId!;
        var id = Assert.Single(await host.Services.GetRequiredService<IncidentService>().ListAsync(new IncidentQuery())).Id.ToString();

        using var resolved = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> incident status resolved", messageId: "1002", threadRoot: root));
        await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.Contains(";messageid=" + root + "/activities/1002", StringComparison.Ordinal));
        using var written = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> incident postmortem", messageId: "1003", threadRoot: root));
        var answer = await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.Contains(";messageid=" + root + "/activities/1003", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (declared.StatusCode, resolved.StatusCode, written.StatusCode));
        var body = answer.Body!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains($"https://opsbot.example.com/api/incidents/{id}/postmortem.md", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Uploaded", body, StringComparison.Ordinal);
        Assert.NotNull((await host.Services.GetRequiredService<IncidentService>().GetAsync(id))!.Postmortem);
    }

    // The Markdown without its "written at" line (the endpoint builds it again when asked).
    private static string Body(string markdown) =>
        string.Join('\n', markdown.Split('\n').Where(line => !line.StartsWith("> Draft written by OpsBot", StringComparison.Ordinal)));

    private static string Text(JsonNode answer) => ((string?)answer["text"] ?? string.Empty) + (answer["blocks"]?.ToJsonString() ?? string.Empty);

    // A SEV3 (anyone resolves it) declared from C0INCIDENT and resolved in its channel.
    private static async Task<(string Id, string Channel)> DeclareAndResolveAsync(SlackHost host, HttpClient client, FakeSlack slack)
    {
        await RunAsync(host, client, slack, "declare sev3 \"Checkout <slow> & *sad*\"", "C0INCIDENT");
        var (_, channel) = Assert.Single(slack.CreatedChannels);
        var card = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == channel);
        var id = Regex.Match(card.Text!, @"INC-\d{4}-\d{4}").Value;
        await RunAsync(host, client, slack, "status resolved", channel);
        return (id, channel);
    }

    private static async Task<JsonNode> RunAsync(SlackHost host, HttpClient client, FakeSlack slack, string text, string channel)
    {
        await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();
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
