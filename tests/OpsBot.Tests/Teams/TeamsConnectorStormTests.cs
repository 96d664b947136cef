using System.Net;
using OpsBot.Testing.Teams;
using Xunit.Abstractions;

namespace OpsBot.Tests.Teams;

/// <summary>
/// The Bot Connector refusing or failing a seeded share of calls while commands arrive. A 429 posts nothing, so a
/// reply is sent again after <c>Retry-After</c> and delivered once. A 502 to a post may come after the write landed,
/// so the reply is never sent again: it is there once, or the thread is told it may be missing — never twice, never
/// silently lost. Commands are sent one after another so that one seed gives one sequence of faults.
/// </summary>
public sealed class TeamsConnectorStormTests(ITestOutputHelper output)
{
    private const string Notice = "could not confirm that its reply was delivered";

    private static readonly List<string> Ids = [.. Enumerable.Range(2001, 10).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task Replies_UnderA429Storm_AreDeliveredOnceEach()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        channel.InjectFaults(new FakeTeamsFaults { Seed = 7, RateLimitRate = 0.4 });

        foreach (var id in Ids)
        {
            using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help", messageId: id));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await channel.WaitForCallAsync(call => call.Accepted && call.Method == "POST" && call.Path.EndsWith("/activities/" + id, StringComparison.Ordinal));
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a duplicate would arrive right behind
        output.WriteLine($"connector refused {channel.InjectedFaults.RateLimited} calls with 429");
        Assert.True(channel.InjectedFaults.RateLimited > 0, "the storm refused no call");
        Assert.All(Ids, id => Assert.Single(channel.Calls, call => call.Applied && call.Method == "POST" && call.Path.EndsWith("/activities/" + id, StringComparison.Ordinal)));
        Assert.DoesNotContain(channel.Calls, call => Text(call).Contains(Notice, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replies_UnderA429And502Storm_AreDeliveredOnceOrReportedNeverDuplicated()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        channel.InjectFaults(new FakeTeamsFaults { Seed = 7, RateLimitRate = 0.2, BadGatewayRate = 0.15, AppliedThenBadGatewayRate = 0.15 });

        foreach (var id in Ids)
        {
            using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help", messageId: id));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Done when the reply is accepted, or when the notice that it may be missing is written.
            await channel.WaitForCallAsync(call => call.Method == "POST" && call.Path.EndsWith("/activities/" + id, StringComparison.Ordinal)
                && (call.Accepted && !Text(call).Contains(Notice, StringComparison.Ordinal) || call.Applied && Text(call).Contains(Notice, StringComparison.Ordinal)));
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a duplicate would arrive right behind
        var (rateLimited, badGateway) = channel.InjectedFaults;
        var reported = 0;
        foreach (var id in Ids)
        {
            var written = channel.Calls.Where(call => call.Applied && call.Method == "POST" && call.Path.EndsWith("/activities/" + id, StringComparison.Ordinal)).ToList();
            var replies = written.Count(call => !Text(call).Contains(Notice, StringComparison.Ordinal));
            var notices = written.Count - replies;
            Assert.True(replies <= 1, $"the reply to {id} was written {replies} times");
            Assert.True(replies == 1 || notices >= 1, $"the reply to {id} was lost without a notice");
            reported += notices > 0 ? 1 : 0;
        }

        output.WriteLine($"connector refused {rateLimited} calls with 429 and {badGateway} with 502; {channel.AppliedThenBadGateways} posts landed then got 502; {reported} replies reported");
        Assert.True(rateLimited > 0 && badGateway > 0 && channel.AppliedThenBadGateways > 0, "the storm did not produce every kind of fault");
        Assert.True(reported > 0, "no reply was reported");
    }

    private static string Text(ConnectorCall call) => (string?)call.Body?["text"] ?? string.Empty;
}
