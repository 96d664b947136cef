using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

public sealed class AdaptiveCardMarkdownTests
{
    [Theory]
    [InlineData("[x](javascript:alert(1))", @"\[x\](javascript:alert(1))")]
    [InlineData("**bold** _it_ `c` ~s~", @"\*\*bold\*\* \_it\_ \`c\` \~s\~")]
    [InlineData("- item\n  + sub\n# h\n> q\n12. n", "\\- item\n  \\+ sub\n\\# h\n\\> q\n12\\. n")]
    [InlineData("a - b # c > d 1. e", "a - b # c > d 1. e")]
    [InlineData(@"C:\path <b>", @"C:\\path \<b>")]
    public void Escape_MarkdownCharacters_GetABackslash(string text, string expected)
    {
        Assert.Equal(expected, AdaptiveCardMarkdown.Escape(text));
    }

    [Fact]
    public void Render_StylesAndLinks_UseTeamsMarkdown()
    {
        var text = RichText.Bold("a*b") + " " + RichText.Italic("c") + " " + RichText.Link("docs [1]", new Uri("https://example.com/a_(b)"));

        Assert.Equal(@"**a\*b** _c_ [docs \[1\]](https://example.com/a_%28b%29)", AdaptiveCardMarkdown.Render(text, 1000));
    }

    [Fact]
    public void Render_UnsafeLink_IsPlainText()
    {
        Assert.Equal("x", AdaptiveCardMarkdown.Render(RichText.Link("x", new Uri("javascript:alert(1)")), 1000));
    }
}
