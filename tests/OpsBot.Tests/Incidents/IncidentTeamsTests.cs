using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Teams;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Tests.Incidents;

/// <summary><c>@OpsBot incident …</c> from a Teams channel through signed activities against the fake Bot Framework channel.</summary>
public sealed class IncidentTeamsTests
{
    [Fact]
    public async Task Declare_InAChannel_StartsAThreadWithTheCard_AndMessagesInThatThreadApplyToTheIncident()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        using var declared = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> incident declare sev2 \"Slow search\""));
        var thread = await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path == "/amer/v3/conversations");
        var answer = await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.EndsWith(";messageid=1001/activities/1001", StringComparison.Ordinal));
        var root = thread.ActivityId!;
        using var noted = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> incident note db failover started", messageId: "1002", threadRoot: root));
        await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.Contains(";messageid=" + root + "/activities/1002", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (declared.StatusCode, noted.StatusCode));
        Assert.Contains("Slow search", thread.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Worked in a new thread in this channel", (string?)answer.Body!["text"], StringComparison.Ordinal);
        var incident = Assert.Single(await host.Services.GetRequiredService<IncidentService>().ListAsync(new IncidentQuery()));
        Assert.Equal(new IncidentChannel("teams", Activities.ChannelId, root), Assert.Single(incident.Channels));
        Assert.Equal("db failover started", Assert.Single(incident.Timeline.OfType<NoteAdded>()).Text);
    }
}
