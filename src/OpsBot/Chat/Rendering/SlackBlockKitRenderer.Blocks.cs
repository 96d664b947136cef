using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

public sealed partial class SlackBlockKitRenderer
{
    /// <summary>Sections one table may take before its remaining rows are dropped.</summary>
    public const int MaxTableSections = 4;

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

    // A table is aligned monospace text in code fences: Block Kit sections have no columns. A long
    // table continues in up to MaxTableSections sections; the rows beyond get "…and N more rows".
    private static List<JsonObject> Table(TableBlock table, RenderOptions options)
    {
        if (table.Columns.Count == 0)
        {
            return [];
        }

        var lines = TableLayout.Lines(table, table.Rows.Count).Select(SlackMrkdwn.EscapeCode).ToList();
        var title = table.Caption is { Length: > 0 } caption
            ? "*" + SlackMrkdwn.EscapePlain(TextLimits.Truncate(caption.Trim().ReplaceLineEndings(" "), 200)) + "*\n"
            : string.Empty;
        var blocks = new List<JsonObject>();
        var next = 0; // next line (0 = the header line)
        while (next < lines.Count && blocks.Count < MaxTableSections)
        {
            var prefix = blocks.Count == 0 ? title : string.Empty;
            var budget = SlackLimits.SectionText - prefix.Length - "```\n\n```".Length;
            var body = new List<string> { TextLimits.Truncate(lines[next++], budget) };
            var length = body[0].Length;
            while (next < lines.Count && length + 1 + lines[next].Length <= budget)
            {
                length += 1 + lines[next].Length;
                body.Add(lines[next++]);
            }

            blocks.Add(Section(prefix + "```\n" + string.Join('\n', body) + "\n```"));
        }

        if (next < lines.Count)
        {
            blocks.Add(MoreNote(lines.Count - next, "rows", options));
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
