using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

public sealed class SlackMrkdwnTests
{
    [Theory]
    [InlineData("a & b", "a &amp; b")]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<https://evil|x>", "&lt;https://evil|x&gt;")]
    [InlineData("*evil*", "\u200B*\u200Bevil\u200B*\u200B")]
    [InlineData("_a_ ~b~ `c`", "\u200B_\u200Ba\u200B_\u200B \u200B~\u200Bb\u200B~\u200B \u200B`\u200Bc\u200B`\u200B")]
    public void EscapePlain_UserText_IsData(string text, string expected)
    {
        Assert.Equal(expected, SlackMrkdwn.EscapePlain(text));
    }

    [Fact]
    public void EscapeCode_TripleBackticks_CannotCloseTheFence()
    {
        var escaped = SlackMrkdwn.EscapeCode("a ``` b ```` c");

        Assert.DoesNotContain("``", escaped);
        Assert.Equal("a `\u200B`\u200B` b `\u200B`\u200B`\u200B` c", escaped);
    }

    [Fact]
    public void Render_StyledRuns_UseMrkdwnAroundEscapedText()
    {
        var text = RichText.Bold(" <b> ") + RichText.Italic("x") + RichText.Code("a`b") + RichText.Link("docs", new Uri("https://example.com/a|b?x=1&y=2"));

        Assert.Equal(" *&lt;b&gt;* _x_`aˋb`<https://example.com/a%7Cb?x=1&amp;y=2|docs>", SlackMrkdwn.Render(text, 3000));
    }

    [Fact]
    public void Render_BoldOverLines_StylesEachLine()
    {
        Assert.Equal("*one*\n*two*", SlackMrkdwn.Render(RichText.Bold("one\ntwo"), 3000));
    }

    [Fact]
    public void Render_UnsafeLink_IsPlainText()
    {
        var text = RichText.Link("click", new Uri("javascript:alert(1)"));

        Assert.Equal("click", SlackMrkdwn.Render(text, 3000));
    }

    [Fact]
    public void Render_TooLong_CutsWithoutBreakingAnEntity()
    {
        var text = SlackMrkdwn.Render(new string('<', 100), 50);

        Assert.True(text.Length <= 50);
        Assert.EndsWith("&lt;…", text);
    }

    [Fact]
    public void CodeFence_Empty_IsNotEmpty()
    {
        Assert.Equal("```\n \n```", SlackMrkdwn.CodeFence(string.Empty, 3000));
    }
}
