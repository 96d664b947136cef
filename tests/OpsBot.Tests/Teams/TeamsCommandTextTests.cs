using System.Text.Json.Nodes;
using OpsBot.Teams;

namespace OpsBot.Tests.Teams;

public sealed class TeamsCommandTextTests
{
    private static BotActivity Message(string text, params JsonObject[] entities) => new()
    {
        Type = "message",
        Text = text,
        Recipient = new ChannelAccount("28:bot", "OpsBot"),
        Entities = entities,
    };

    private static JsonObject Mention(string id, string text) =>
        new() { ["type"] = "mention", ["text"] = text, ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = "OpsBot" } };

    [Theory]
    [InlineData("<at>OpsBot</at> triage frontend", "triage frontend")]
    [InlineData("<at>Ops Bot</at>\u00A0/k8s pods -n shop", "/k8s pods -n shop")]
    [InlineData("<p><at>OpsBot</at> k8s logs pod/x</p>", "k8s logs pod/x")]
    [InlineData("/rollback deploy/frontend --break-glass \u201Csite down\u201D", "/rollback deploy/frontend --break-glass \"site down\"")]
    [InlineData("k8s pods -l app=a&amp;b &lt;x&gt;", "k8s pods -l app=a&b <x>")]
    [InlineData("   ", "")]
    public void From_TeamsText_IsTheCommandAsTyped(string text, string expected)
    {
        Assert.Equal(expected, TeamsCommandText.From(Message(text)));
    }

    [Fact]
    public void From_BotMentionEntity_IsRemovedWhereverItIs()
    {
        var activity = Message("k8s pods @OpsBot -A", Mention("28:bot", "@OpsBot"));

        Assert.Equal("k8s pods   -A", TeamsCommandText.From(activity));
    }

    [Fact]
    public void From_OtherPeoplesMentionEntities_AreNotTreatedAsTheBot()
    {
        var activity = Message("k8s pods alice", Mention("29:alice", "alice"));

        Assert.Equal("k8s pods alice", TeamsCommandText.From(activity));
    }
}
