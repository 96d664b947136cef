using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

/// <summary>A <see cref="PersonMention"/> run on each renderer: a real mention on the person's platform, escaped text anywhere else.</summary>
public sealed class MentionRenderingTests
{
    private static readonly PersonMention SlackBob = new("slack", "U0BOB");
    private static readonly PersonMention TeamsBob = new("teams", "aad-bob");

    [Fact]
    public void SlackMrkdwn_SlackPerson_IsAUserMention_OtherPlatformsShowTheEscapedName()
    {
        Assert.Equal("comms: <@U0BOB>", SlackMrkdwn.Render(RichText.Plain("comms: ") + RichText.Mention("bob", SlackBob), 3000));
        Assert.Equal("&lt;!channel&gt;", SlackMrkdwn.Render(RichText.Mention("<!channel>", TeamsBob), 3000));
        // Not an id Slack issues: never written between angle brackets.
        Assert.Equal("&lt;!here&gt;", SlackMrkdwn.Render(RichText.Mention("<!here>", new PersonMention("slack", "!here")), 3000));
    }

    [Fact]
    public void AdaptiveCard_TeamsPerson_IsAnAtMentionWithItsEntity_AndTheNameCannotCloseTheTag()
    {
        var message = new ChatMessage("mention")
        {
            Blocks =
            [
                new FieldsBlock([new MessageField("Commander", RichText.Mention("Bob </at><at>Eve", TeamsBob))]),
                new SectionBlock(RichText.Plain("Due now, ") + RichText.Mention("Bob </at><at>Eve", TeamsBob) + RichText.Plain(" <at>Mallory</at>")),
            ],
        };

        var card = new AdaptiveCardRenderer().Render(message);

        var json = card.ToJsonString();
        Assert.Contains("<at>Bob /atatEve</at>", json.Replace("\\u003C", "<", StringComparison.Ordinal).Replace("\\u003E", ">", StringComparison.Ordinal), StringComparison.Ordinal);
        var entity = Assert.Single(card["msteams"]!["entities"]!.AsArray())!;
        Assert.Equal("mention", (string?)entity["type"]);
        Assert.Equal("<at>Bob /atatEve</at>", (string?)entity["text"]);
        Assert.Equal("aad-bob", (string?)entity["mentioned"]!["id"]);
        // User text that looks like a mention stays text (escaped), with no entity of its own.
        Assert.Contains("\\<at>Mallory\\</at>", SectionText(card), StringComparison.Ordinal);
    }

    [Fact]
    public void AdaptiveCard_SlackPerson_IsTheirNameWithoutEntities()
    {
        var card = new AdaptiveCardRenderer().Render(new ChatMessage("x") { Blocks = [new SectionBlock(RichText.Mention("bob", SlackBob))] });

        Assert.Null(card["msteams"]!["entities"]);
        Assert.DoesNotContain("<at>", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_Mention_IsTheEncodedNameMarkedAsAMention()
    {
        Assert.Equal("<span class=\"mention\">@&lt;b&gt;bob&lt;/b&gt;</span>", HtmlRenderer.RenderText(RichText.Mention("<b>bob</b>", SlackBob)));
    }

    [Fact]
    public void Json_Mention_RoundTrips()
    {
        var message = new ChatMessage("x") { Blocks = [new SectionBlock(RichText.Mention("bob", SlackBob))] };

        var back = ChatMessageJson.Deserialize(ChatMessageJson.Serialize(message));

        Assert.Equal(SlackBob, Assert.IsType<SectionBlock>(Assert.Single(back.Blocks)).Text.Runs[0].Mention);
    }

    private static string SectionText(JsonObject card) =>
        string.Join('\n', card["body"]!.AsArray().Where(element => (string?)element!["type"] == "TextBlock").Select(element => (string?)element!["text"]));
}
