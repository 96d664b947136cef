using OpsBot.Chat.Messages;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Console;

namespace OpsBot.Tests.Console;

public sealed class ConsoleFeedTests
{
    private static ChatMessage Message(string text) => new(text);

    [Fact]
    public void Post_BeyondTheChannelBound_DropsTheOldest()
    {
        var feed = new ConsoleFeed(TimeProvider.System, maxMessagesPerChannel: 3);

        foreach (var text in new[] { "one", "two", "three", "four" })
        {
            feed.Post("incident", Message(text), "alice");
        }

        Assert.Equal(["two", "three", "four"], feed.Read("incident", 0).Messages.Select(entry => entry.Text.Trim()));
    }

    [Fact]
    public void Post_BeyondTheChannelCount_DropsTheLeastRecentlyUsedChannel()
    {
        var feed = new ConsoleFeed(TimeProvider.System, maxChannels: 2);
        feed.Post("a", Message("in a"));
        feed.Post("b", Message("in b"));
        feed.Post("a", Message("again in a"));

        feed.Post("c", Message("in c"));

        Assert.Equal(2, feed.Read("a", 0).Messages.Count);
        Assert.Empty(feed.Read("b", 0).Messages);
        Assert.Single(feed.Read("c", 0).Messages);
    }

    [Fact]
    public void Replace_MovesTheEntryToANewSequence_AndReadAfterReturnsOnlyChanges()
    {
        var feed = new ConsoleFeed(TimeProvider.System);
        var card = feed.Post("incident", Message("AwaitingApproval"), "alice", "/rollback deploy/frontend");
        var other = feed.Post("incident", Message("something else"), "bob");

        var replaced = feed.Replace("incident", card.Id, Message("Approved by bob"));
        var changes = feed.Read("incident", other.Sequence);

        Assert.NotNull(replaced);
        Assert.Equal(card.Id, replaced.Id);
        Assert.Equal("alice", replaced.User);
        Assert.True(replaced.Updated);
        var entry = Assert.Single(changes.Messages);
        Assert.Equal(card.Id, entry.Id);
        Assert.Equal(3, changes.Latest);
        Assert.Equal(["something else", "Approved by bob"], feed.Read("incident", 0).Messages.Select(m => m.Text.Trim()));
    }

    [Fact]
    public void Replace_UnknownMessageOrChannel_ReturnsNullAndChangesNothing()
    {
        var feed = new ConsoleFeed(TimeProvider.System);
        feed.Post("incident", Message("hello"));

        Assert.Null(feed.Replace("incident", "m404", Message("x")));
        Assert.Null(feed.Replace("nowhere", "m1", Message("x")));
        Assert.Equal(1, feed.Read("incident", 0).Latest);
    }

    [Fact]
    public void Read_AfterBeyondTheLatest_AsksTheReaderToReset()
    {
        var feed = new ConsoleFeed(TimeProvider.System);
        feed.Post("incident", Message("hello"));

        Assert.True(feed.Read("incident", 5).Reset);
        Assert.True(feed.Read("unknown", 5).Reset);
        Assert.False(feed.Read("incident", 1).Reset);
    }

    [Fact]
    public void Read_ManyChanges_ComeInPagesThatContinue()
    {
        var feed = new ConsoleFeed(TimeProvider.System);
        for (var i = 0; i < ConsoleFeed.MaxPage + 20; i++)
        {
            feed.Post("incident", Message("message " + i));
        }

        var first = feed.Read("incident", 0);
        var second = feed.Read("incident", first.Latest);

        Assert.Equal(ConsoleFeed.MaxPage, first.Messages.Count);
        Assert.Equal(20, second.Messages.Count);
        Assert.Equal(ConsoleFeed.MaxPage + 20, second.Latest);
    }

    [Fact]
    public void Post_StampsTheInjectedTimeAndEscapesTheHtml()
    {
        var time = new SimulationClock(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero), speed: 0);
        var feed = new ConsoleFeed(time);

        var entry = feed.Post("incident", Message("<script>alert(1)</script>"), "alice", "<img src=x onerror=alert(1)>");

        Assert.Equal(time.GetUtcNow(), entry.Time);
        Assert.DoesNotContain("<script>", entry.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", entry.Html, StringComparison.Ordinal);
    }
}
