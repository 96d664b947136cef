using System.Net;
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

    private static async Task<JsonNode> DeclareAsync(SlackHost host, HttpClient client, FakeSlack slack, string text)
    {
        using var response = await host.CommandAsync(client, "/incident", "declare " + text, slack.NewResponseUrl("C0INCIDENT"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (body.Length > 0)
        {
            return JsonNode.Parse(body)!;
        }

        var reply = await slack.WaitForMessageAsync(message => message.Method == "response_url");
        return reply.Body;
    }
}
