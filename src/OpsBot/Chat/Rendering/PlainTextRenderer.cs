using System.Text;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>
/// Plain text for the console API's <c>"text"</c> and for logs: no markup at all, tables as aligned
/// columns, links as <c>text (url)</c>, buttons as <c>[Approve]</c>. Nothing is cut.
/// </summary>
public sealed class PlainTextRenderer : IChatMessageRenderer<string>
{
    public string Render(ChatMessage message, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.Header))
        {
            parts.Add(message.Header);
        }

        parts.AddRange(message.Blocks.Select(RenderBlock).Where(part => part.Length > 0));
        if (message.Blocks.Count == 0 || parts.Count == 0)
        {
            parts.Add(message.Text);
        }

        return string.Join("\n\n", parts);
    }

    /// <summary>Rich text as plain text: links become <c>text (url)</c>.</summary>
    public static string RenderText(RichText text)
    {
        var builder = new StringBuilder();
        foreach (var run in text.Runs)
        {
            builder.Append(run.Text);
            if (run.SafeLink is { } link && run.Text != link.AbsoluteUri)
            {
                builder.Append(" (").Append(link.AbsoluteUri).Append(')');
            }
        }

        return builder.ToString();
    }

    private static string RenderBlock(MessageBlock block) => block switch
    {
        SectionBlock section => string.Join('\n', new[] { RenderText(section.Text) }.Where(text => text.Length > 0).Concat(Fields(section.Fields))),
        FieldsBlock fields => string.Join('\n', Fields(fields.Fields)),
        CodeBlock code => code.Code,
        TableBlock table => Table(table),
        ContextBlock context => string.Join(" · ", context.Elements.Select(RenderText)),
        DividerBlock => "----",
        ActionsBlock actions => string.Join(' ', actions.Buttons.Select(Button)),
        _ => throw new NotSupportedException($"Unknown block {block.GetType().Name}."),
    };

    private static IEnumerable<string> Fields(IEnumerable<MessageField> fields) =>
        fields.Select(field => $"{field.Label}: {RenderText(field.Value)}");

    private static string Table(TableBlock table)
    {
        var lines = TableLayout.Lines(table, table.Rows.Count);
        return table.Caption is { Length: > 0 } caption ? caption + "\n" + string.Join('\n', lines) : string.Join('\n', lines);
    }

    private static string Button(ChatButton button) =>
        button.Url is { } url ? $"[{button.Text}] ({url.AbsoluteUri})" : $"[{button.Text}]";
}
