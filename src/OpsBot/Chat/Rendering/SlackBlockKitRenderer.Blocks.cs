using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

public sealed partial class SlackBlockKitRenderer
{
    // One model block → the Slack blocks that show it (plus a "…and N more" line when it was cut).
    private static List<JsonObject> RenderBlock(MessageBlock block, SlackActionIds.Allocator ids, RenderOptions options) => block switch
    {
        SectionBlock section => SectionWithFields(section.Text, section.Fields),
        FieldsBlock fields => SectionWithFields(RichText.Empty, fields.Fields),
        CodeBlock code => [Section(SlackMrkdwn.CodeFence(code.Code, SlackLimits.SectionText))],
        TableBlock table => Table(table, options),
        ContextBlock context => Context(context),
        DividerBlock => [new JsonObject { ["type"] = "divider" }],
        ActionsBlock actions => Actions(actions, ids, options),
        _ => throw new NotSupportedException($"Unknown block {block.GetType().Name}."),
    };

    // https://docs.slack.dev/reference/block-kit/blocks/section-block
    private static List<JsonObject> SectionWithFields(RichText text, IReadOnlyList<MessageField> fields)
    {
        if (text.IsEmpty && fields.Count == 0)
        {
            return [];
        }

        var section = new JsonObject { ["type"] = "section" };
        if (!text.IsEmpty)
        {
            section["text"] = Mrkdwn(SlackMrkdwn.Render(text, SlackLimits.SectionText));
        }

        if (fields.Count > 0)
        {
            var shown = fields.Count <= SlackLimits.Fields ? fields.Count : SlackLimits.Fields - 1;
            var array = new JsonArray([.. fields.Take(shown).Select(field => (JsonNode)Mrkdwn(Field(field)))]);
            if (shown < fields.Count)
            {
                array.Add(Mrkdwn(SlackMrkdwn.Render(RichText.Italic(TextLimits.AndMore(fields.Count - shown, "fields")), SlackLimits.FieldText)));
            }

            section["fields"] = array;
        }

        return [section];
    }

    private static string Field(MessageField field)
    {
        var label = field.Label.Trim().ReplaceLineEndings(" ");
        var value = field.Value.IsEmpty ? (RichText)"\u2014" : field.Value;
        var text = label.Length == 0 ? value : RichText.Bold(label) + "\n" + value;
        return SlackMrkdwn.Render(text, SlackLimits.FieldText);
    }

    // A table is aligned monospace text in a code fence: Block Kit sections have no columns.
    private static List<JsonObject> Table(TableBlock table, RenderOptions options)
    {
        var lines = TableLayout.Lines(table, table.Rows.Count);
        var title = table.Caption is { Length: > 0 } caption ? "*" + SlackMrkdwn.EscapePlain(caption.Trim().ReplaceLineEndings(" ")) + "*\n" : string.Empty;
        title = TextLimits.Truncate(title, 500);
        var budget = SlackLimits.SectionText - title.Length - "```\n\n```".Length;
        var body = SlackMrkdwn.EscapeCode(TextLimits.Truncate(lines[0], budget));
        var rows = 0;
        foreach (var line in lines.Skip(1))
        {
            var escaped = SlackMrkdwn.EscapeCode(line);
            if (body.Length + 1 + escaped.Length > budget)
            {
                break;
            }

            body += "\n" + escaped;
            rows++;
        }

        List<JsonObject> blocks = [Section(title + "```\n" + body + "\n```")];
        if (rows < table.Rows.Count)
        {
            blocks.Add(MoreNote(table.Rows.Count - rows, "rows", options));
        }

        return blocks;
    }

    // https://docs.slack.dev/reference/block-kit/blocks/context-block
    private static List<JsonObject> Context(ContextBlock context)
    {
        var elements = context.Elements.Where(element => !element.IsEmpty).ToList();
        if (elements.Count == 0)
        {
            return [];
        }

        var shown = elements.Count <= SlackLimits.ContextElements ? elements.Count : SlackLimits.ContextElements - 1;
        var array = new JsonArray([.. elements.Take(shown).Select(element => (JsonNode)Mrkdwn(SlackMrkdwn.Render(element, SlackLimits.ContextElementText)))]);
        if (shown < elements.Count)
        {
            array.Add(Mrkdwn(SlackMrkdwn.Render(RichText.Italic(TextLimits.AndMore(elements.Count - shown)), SlackLimits.ContextElementText)));
        }

        return [new JsonObject { ["type"] = "context", ["elements"] = array }];
    }
}
