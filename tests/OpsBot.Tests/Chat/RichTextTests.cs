using OpsBot.Chat.Messages;

namespace OpsBot.Tests.Chat;

public sealed class RichTextTests
{
    [Fact]
    public void ImplicitString_IsOnePlainRun()
    {
        RichText text = "*not bold*";

        var run = Assert.Single(text.Runs);
        Assert.Equal(new TextRun("*not bold*"), run);
    }

    [Fact]
    public void Plus_ConcatenatesRunsInOrder()
    {
        var text = RichText.Bold("frontend") + " is " + RichText.Italic("down") + RichText.Code("137");

        Assert.Equal(["frontend", " is ", "down", "137"], text.Runs.Select(run => run.Text));
        Assert.Equal([TextStyle.Bold, TextStyle.Plain, TextStyle.Italic, TextStyle.Code], text.Runs.Select(run => run.Style));
        Assert.Equal("frontend is down137", text.ToPlainText());
        Assert.Equal(19, text.Length);
    }

    [Fact]
    public void Equals_SameRuns_IsTrue()
    {
        Assert.Equal(RichText.Bold("a") + "b", RichText.Bold("a") + "b");
        Assert.NotEqual(RichText.Bold("a") + "b", RichText.Italic("a") + "b");
    }

    [Fact]
    public void EmptyRuns_AreDropped()
    {
        var text = RichText.Plain(string.Empty) + RichText.Bold(string.Empty);

        Assert.True(text.IsEmpty);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/x")]
    [InlineData("file:///etc/passwd")]
    public void SafeLink_NotHttp_IsNull(string url)
    {
        var run = new TextRun("x", TextStyle.Plain, new Uri(url));

        Assert.Null(run.SafeLink);
    }

    [Fact]
    public void ChatButton_BadActionIdOrValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChatButton("bad id<", "x"));
        Assert.Throws<ArgumentException>(() => new ChatButton(" ", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChatButton("a.b", "x", new string('v', 2001)));
        Assert.Throws<ArgumentException>(() => ChatButton.Link("a.b", "x", new Uri("javascript:alert(1)")));
    }

    [Fact]
    public void ChatMessage_BlankText_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChatMessage(" "));
    }
}
