using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

/// <summary>User-controlled text in every slot of a message never turns into markup, mentions or links.</summary>
public sealed partial class HostileTextTests
{
    private static readonly RenderOptions Options = new() { DashboardUrl = SampleMessages.Dashboard };

    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>();
        foreach (var text in SampleMessages.Hostile)
        {
            data.Add(text);
        }

        data.Add(string.Concat(Enumerable.Repeat(string.Join(' ', SampleMessages.Hostile), 100_000 / 300)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Slack_HostileText_IsEscapedAndWithinLimits(string text) => AssertSlackSafe(text);

    /// <summary>The Block Kit oracle, also run by the fuzz tests (Fuzz/RendererFuzzTests) on generated text.</summary>
    internal static void AssertSlackSafe(string text)
    {
        var payload = new SlackBlockKitRenderer().Render(SampleMessages.Everywhere(text), Options);

        Assert.NotNull(JsonNode.Parse(payload.ToJsonString()));
        PayloadAssert.WithinSlackLimits(payload);
        foreach (var mrkdwn in PayloadAssert.SlackMrkdwn(payload))
        {
            // Only the renderer's own links may open with '<': the sample link and the dashboard link.
            var withoutOwnLinks = OwnSlackLink().Replace(mrkdwn, string.Empty);
            Assert.DoesNotContain('<', withoutOwnLinks);
            Assert.DoesNotContain('>', withoutOwnLinks);
            var outsideCode = CodeSpan().Replace(CodeFence().Replace(mrkdwn, string.Empty), string.Empty);
            Assert.DoesNotContain("*bold*", outsideCode);
            Assert.DoesNotContain("_it_", outsideCode);
            Assert.DoesNotContain("```fence", mrkdwn);
            Assert.DoesNotMatch("&(?!amp;|lt;|gt;)", mrkdwn);
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Teams_HostileText_IsEscapedOrVerbatimAndUnder80KB(string text) => AssertTeamsSafe(text);

    /// <summary>The Adaptive Card oracle, also run by the fuzz tests on generated text.</summary>
    internal static void AssertTeamsSafe(string text)
    {
        var card = new AdaptiveCardRenderer().Render(SampleMessages.Everywhere(text), Options);

        Assert.NotNull(JsonNode.Parse(card.ToJsonString()));
        Assert.True(AdaptiveCardRenderer.SizeOf(card) <= AdaptiveCardLimits.CardBytes);
        foreach (var (path, value) in PayloadAssert.Strings(card))
        {
            if (path.EndsWith(".url", StringComparison.Ordinal))
            {
                Assert.StartsWith("https://", value);
            }

            if (!IsMarkdown(path))
            {
                continue; // TextRun text, titles, verbs and data are never read as markdown
            }

            foreach (var part in value.Split(" · "))
            {
                var inner = OwnTeamsLink().Replace(StripWrapper(part), string.Empty);
                foreach (var c in "*_[]`<~")
                {
                    Assert.False(PayloadAssert.HasUnescaped(inner, c), $"unescaped '{c}' at {path}: {inner}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Html_HostileText_ProducesNoMarkupOfItsOwn(string text) => AssertHtmlSafe(text);

    /// <summary>The HTML oracle, also run by the fuzz tests on generated text.</summary>
    internal static void AssertHtmlSafe(string text)
    {
        var html = new HtmlRenderer().Render(SampleMessages.Everywhere(text), Options);

        string[] tags = ["div", "h3", "p", "strong", "em", "code", "a", "dl", "dt", "dd", "pre", "table", "caption", "thead", "tbody", "tr", "th", "td", "small", "hr", "br", "button"];
        string[] attributes = ["class", "href", "rel", "target", "type", "data-action-id", "data-value", "data-confirm", "data-confirm-ok", "data-confirm-cancel"];
        foreach (var (tag, attribute, value) in Markup(html))
        {
            Assert.Contains(tag, tags);
            if (attribute is not null)
            {
                Assert.Contains(attribute, attributes);
            }

            if (attribute == "href")
            {
                Assert.StartsWith("https://", value);
            }
        }

        Assert.Equal(Tag().Matches(html).Count, Markup(html).Count(item => item.Attribute is null));
        Assert.DoesNotContain('\u202E', html);
        Assert.DoesNotContain("'", html);
        Assert.Equal(0, html.Count(c => c == '"') % 2);
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Json_HostileText_RoundTrips(string text)
    {
        var message = SampleMessages.Everywhere(text);

        var json = ChatMessageJson.Serialize(message);

        Assert.Equal(json, ChatMessageJson.Serialize(ChatMessageJson.Deserialize(json)));
        Assert.Contains(text, new PlainTextRenderer().Render(message));
    }

    // Every tag of the HTML and each of its attributes, read the way a browser reads them: outside text, tags open with
    // '<'; inside a tag, attribute values are double-quoted (text inside a value is not an attribute, whatever it looks like).
    private static List<(string Tag, string? Attribute, string? Value)> Markup(string html)
    {
        var found = new List<(string, string?, string?)>();
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            var start = ++i;
            if (i < html.Length && html[i] == '/')
            {
                start = ++i;
            }

            while (i < html.Length && char.IsAsciiLetterOrDigit(html[i]))
            {
                i++;
            }

            var tag = html[start..i];
            found.Add((tag, null, null));
            while (i < html.Length && html[i] != '>')
            {
                if (char.IsWhiteSpace(html[i]) || html[i] == '/')
                {
                    i++;
                    continue;
                }

                var name = i;
                while (i < html.Length && html[i] is not ('=' or '>' or ' ' or '/'))
                {
                    i++;
                }

                var attribute = html[name..i];
                string? value = null;
                if (i < html.Length && html[i] == '=')
                {
                    Assert.Equal('"', html[++i]);
                    var close = html.IndexOf('"', i + 1);
                    value = html[(i + 1)..close];
                    i = close + 1;
                }

                found.Add((tag, attribute, value));
            }
        }

        return found;
    }

    private static bool IsMarkdown(string path) =>
        (path.EndsWith(".text", StringComparison.Ordinal) && !path.Contains("inlines", StringComparison.Ordinal)) ||
        path.EndsWith(".title", StringComparison.Ordinal) && path.Contains("facts", StringComparison.Ordinal) ||
        path.EndsWith(".value", StringComparison.Ordinal) && path.Contains("facts", StringComparison.Ordinal);

    // The renderer's own bold or italic markers around a text; whitespace the text starts or ends with stays outside them.
    private static string StripWrapper(string part)
    {
        var markdown = part.Trim();
        return markdown.Length >= 4 && markdown.StartsWith("**", StringComparison.Ordinal) && ClosedBy(markdown, "**") ? markdown[2..^2]
            : markdown.Length >= 2 && markdown.StartsWith('_') && ClosedBy(markdown, "_") ? markdown[1..^1]
            : markdown;
    }

    // Whether the text ends with a marker that is not itself escaped: an even number of backslashes before it.
    private static bool ClosedBy(string markdown, string marker)
    {
        if (!markdown.EndsWith(marker, StringComparison.Ordinal))
        {
            return false;
        }

        var backslashes = 0;
        for (var i = markdown.Length - marker.Length - 1; i >= 0 && markdown[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0;
    }

    [GeneratedRegex(@"<https://(example\.com|opsbot\.example\.com)/[^|<> ]*\|[^<>]*>")]
    private static partial Regex OwnSlackLink();

    [GeneratedRegex(@"\[(Open in dashboard)\]\(https://opsbot\.example\.com/[^)]*\)")]
    private static partial Regex OwnTeamsLink();

    [GeneratedRegex(@"```.*?```", RegexOptions.Singleline)]
    private static partial Regex CodeFence();

    // A code span's delimiters; a backtick the renderer escaped in plain text sits between zero-width spaces and opens nothing.
    [GeneratedRegex("(?:(?<!\u200B)`|`(?!\u200B))[^`\n]*(?:(?<!\u200B)`|`(?!\u200B))")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"</?([a-zA-Z0-9]+)")]
    private static partial Regex Tag();

}
