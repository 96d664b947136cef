using System.Net;
using OpsBot.Testing.Teams;
using Xunit.Abstractions;

namespace OpsBot.Tests.Teams;

/// <summary>
/// The Bot Connector refusing a seeded share of calls with 429 (Retry-After) and 502 while commands arrive: every
/// command's reply is delivered once, later (a refused call posts nothing, so sending it again cannot duplicate).
/// Commands are sent one after another so that one seed gives one sequence of faults.
/// </summary>
public sealed class TeamsConnectorStormTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Replies_UnderA429And502Storm_AreDeliveredOnceEach()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        channel.InjectFaults(new FakeTeamsFaults { Seed = 7, RateLimitRate = 0.25, BadGatewayRate = 0.15 });

        var ids = Enumerable.Range(2001, 10).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help", messageId: id));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await channel.WaitForCallAsync(call => call.Accepted && call.Method == "POST" && call.Path.EndsWith("/activities/" + id, StringComparison.Ordinal));
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a duplicate would arrive right behind
        var (rateLimited, badGateway) = channel.InjectedFaults;
        output.WriteLine($"connector refused {rateLimited} calls with 429 and {badGateway} with 502");
        Assert.True(rateLimited > 0 && badGateway > 0, "the storm did not refuse calls with both 429 and 502");
        Assert.All(ids, id => Assert.Single(channel.Calls, call => call.Accepted && call.Method == "POST" && call.Path.EndsWith("/activities/" + id, StringComparison.Ordinal)));
    }
}
