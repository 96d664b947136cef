using OpsBot.Chat;

namespace OpsBot.Tests.Chat;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("UALICE", "UALICE")]
    [InlineData("line\r\nINFO forged", @"line\r\nINFO forged")]
    [InlineData("\u001b[31mred\u001b[0m", @"\u001b[31mred\u001b[0m")]
    [InlineData("tab\there", @"tab\there")]
    [InlineData("nul\0bell\u0007del\u007f", @"nul\u0000bell\u0007del\u007f")]
    [InlineData("c1 \u0085 \u009b", @"c1 \u0085 \u009b")]
    [InlineData("sep\u2028para\u2029", @"sep\u2028para\u2029")]
    [InlineData("bidi \u202eevil\u202c \u2066x\u2069", @"bidi \u202eevil\u202c \u2066x\u2069")]
    [InlineData("zero\u200bwidth", @"zero\u200bwidth")]
    [InlineData("café ✓ 日本", "café ✓ 日本")]
    [InlineData("emoji 🚀 pair", "emoji 🚀 pair")]
    public void Sanitize_ControlAndFormatCharacters_AreEscapedVisibly(string text, string expected)
    {
        Assert.Equal(expected, LogText.Sanitize(text));
    }

    [Fact]
    public void Sanitize_LoneSurrogate_IsEscaped()
    {
        // Built here: test data passed through attributes loses a lone surrogate on the way.
        Assert.Equal(@"lone \ud800 half", LogText.Sanitize("lone " + (char)0xD800 + " half"));
    }

    [Fact]
    public void Sanitize_Null_IsNone()
    {
        Assert.Equal("(none)", LogText.Sanitize(null));
    }

    [Fact]
    public void Sanitize_LongValue_IsCutAndSaysHowMuchWasLeft()
    {
        var text = new string('a', LogText.MaxLength + 50);

        var logged = LogText.Sanitize(text);

        Assert.Equal(new string('a', LogText.MaxLength) + "…(+50 chars)", logged);
    }

    [Fact]
    public void Sanitize_PlainShortValue_IsTheSameInstance()
    {
        var text = "C0INCIDENT";

        Assert.Same(text, LogText.Sanitize(text));
    }
}
