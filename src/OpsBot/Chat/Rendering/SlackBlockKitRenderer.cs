using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>
/// Renders a <see cref="ChatMessage"/> as a Slack message payload <c>{ "text": …, "blocks": [...] }</c>
/// for <c>chat.postMessage</c>, <c>response_url</c> or a slash-command reply.
/// https://docs.slack.dev/reference/block-kit/blocks
/// Every limit of <see cref="SlackLimits"/> holds for any input: text is cut with "…"; rows, fields,
/// buttons and trailing blocks that do not fit are dropped and a context line says "…and N more"
/// (with a link to <see cref="RenderOptions.DashboardUrl"/> when given). User text is escaped by
/// <see cref="SlackMrkdwn"/>.
/// </summary>
public sealed partial class SlackBlockKitRenderer : IChatMessageRenderer<JsonObject>
{
    public JsonObject Render(ChatMessage message, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        options ??= RenderOptions.Default;
        var ids = new SlackActionIds.Allocator();
        var units = message.Blocks.Select(block => RenderBlock(block, ids, options)).Where(unit => unit.Count > 0).ToList();

        var blocks = new JsonArray();
        var total = 0;
        if (!string.IsNullOrWhiteSpace(message.Header))
        {
            var header = Header(message.Header);
            blocks.Add(header);
            total += TextLength(header);
        }

        var placed = 0;
        foreach (var unit in units)
        {
            var isLast = placed == units.Count - 1;
            var reserve = isLast ? 0 : 1; // room for the "…and N more" line if what follows is dropped
            var length = unit.Sum(TextLength);
            if (blocks.Count + unit.Count + reserve > SlackLimits.Blocks || total + length > SlackLimits.TotalBlockText - 200)
            {
                break;
            }

            unit.ForEach(block => blocks.Add(block));
            total += length;
            placed++;
        }

        if (placed < units.Count)
        {
            blocks.Add(MoreNote(units.Count - placed, "blocks", options));
        }

        if (blocks.Count == 0)
        {
            blocks.Add(Section(SlackMrkdwn.Render(message.Text, SlackLimits.SectionText)));
        }

        return new JsonObject
        {
            ["text"] = NonEmpty(SlackMrkdwn.Render(message.Text, SlackLimits.FallbackText)),
            ["blocks"] = blocks,
        };
    }

    private static int TextLength(JsonNode block) => block.ToJsonString().Length;

    private static string NonEmpty(string text) => string.IsNullOrWhiteSpace(text) ? "\u2014" : text;

    private static JsonObject PlainText(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = NonEmpty(TextLimits.Truncate(text.Trim(), max)),
    };

    private static JsonObject Mrkdwn(string mrkdwn) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = NonEmpty(mrkdwn),
        ["verbatim"] = true,
    };

    private static JsonObject Header(string header) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(header.ReplaceLineEndings(" "), SlackLimits.HeaderText),
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(mrkdwn),
    };

    // "…and N more" + an optional dashboard link, as a context block.
    private static JsonObject MoreNote(int count, string noun, RenderOptions options)
    {
        var note = RichText.Italic(TextLimits.AndMore(count, noun));
        if (options.DashboardUrl is { } url)
        {
            note += " · " + RichText.Link(options.DashboardLinkText, url);
        }

        return new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(Mrkdwn(SlackMrkdwn.Render(note, SlackLimits.ContextElementText))),
        };
    }
}
