using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

public sealed partial class AdaptiveCardRenderer
{
    // One model block → card elements, or null when they no longer fit the card.
    private static List<JsonObject>? RenderBlock(MessageBlock block, Budget budget, RenderOptions options)
    {
        if (block is TableBlock table)
        {
            return Table(table, budget, options);
        }

        List<JsonObject> elements = block switch
        {
            SectionBlock section => [.. Section(section.Text), .. Facts(section.Fields)],
            FieldsBlock fields => Facts(fields.Fields),
            CodeBlock code => [Code(code.Code)],
            ContextBlock context => Context(context),
            ActionsBlock actions => ActionSet(actions, options),
            _ => throw new NotSupportedException($"Unknown block {block.GetType().Name}."),
        };
        var wrapper = new JsonArray([.. elements.Select(element => element.DeepClone())]);
        return budget.TryTake(wrapper) ? elements : null;
    }

    // https://adaptivecards.io/explorer/RichTextBlock.html — TextRun text is never read as markdown.
    private static List<JsonObject> Section(RichText text)
    {
        if (text.IsEmpty)
        {
            return [];
        }

        // Teams reads <at> mentions in TextBlock (markdown) text, not in RichTextBlock runs: a section that mentions someone
        // is a TextBlock, its user text escaped as markdown.
        if (text.Runs.Any(run => run.Mention is { Platform: "teams" }))
        {
            return [new JsonObject { ["type"] = "TextBlock", ["text"] = AdaptiveCardMarkdown.Render(text, AdaptiveCardLimits.Text), ["wrap"] = true }];
        }

        var inlines = new JsonArray();
        var remaining = AdaptiveCardLimits.Text;
        foreach (var run in text.Runs)
        {
            if (remaining <= 0)
            {
                break;
            }

            var part = run.Text.Length <= remaining ? run.Text : TextLimits.SafePrefix(run.Text, remaining - 1) + TextLimits.Ellipsis;
            remaining -= run.Text.Length;
            inlines.Add(TextRun(run with { Text = part }));
        }

        return [new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = inlines }];
    }

    private static JsonObject TextRun(TextRun run)
    {
        var inline = new JsonObject { ["type"] = "TextRun", ["text"] = run.Text };
        switch (run.Style)
        {
            case TextStyle.Bold: inline["weight"] = "Bolder"; break;
            case TextStyle.Italic: inline["italic"] = true; break;
            case TextStyle.Code: inline["fontType"] = "Monospace"; break;
        }

        if (run.SafeLink is { } link)
        {
            inline["selectAction"] = new JsonObject { ["type"] = "Action.OpenUrl", ["url"] = link.AbsoluteUri };
        }

        return inline;
    }

    // https://adaptivecards.io/explorer/FactSet.html
    private static List<JsonObject> Facts(IReadOnlyList<MessageField> fields)
    {
        if (fields.Count == 0)
        {
            return [];
        }

        var facts = new JsonArray([.. fields.Select(field => (JsonNode)new JsonObject
        {
            ["title"] = AdaptiveCardMarkdown.Escape(TextLimits.Truncate(field.Label.ReplaceLineEndings(" "), 200)),
            ["value"] = field.Value.IsEmpty ? "\u2014" : AdaptiveCardMarkdown.Render(field.Value, 2000),
        })]);
        return [new JsonObject { ["type"] = "FactSet", ["facts"] = facts }];
    }

    // Preformatted text: a monospace TextRun (no markdown) in an emphasised container.
    private static JsonObject Code(string code)
    {
        var text = code.Length == 0 ? " " : TextLimits.Truncate(code.TrimEnd('\n'), AdaptiveCardLimits.Text);
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text, ["fontType"] = "Monospace" };
        return new JsonObject
        {
            ["type"] = "Container",
            ["style"] = "emphasis",
            ["items"] = new JsonArray(new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) }),
        };
    }

    private static List<JsonObject> Context(ContextBlock context)
    {
        var elements = context.Elements.Where(element => !element.IsEmpty).ToList();
        if (elements.Count == 0)
        {
            return [];
        }

        var markdown = string.Join(" · ", elements.Select(element => AdaptiveCardMarkdown.Render(element, 1000)));
        return [Small(markdown)];
    }
}
