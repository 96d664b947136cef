using System.Text;
using System.Text.Encodings.Web;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>
/// An HTML fragment for the web console. Every piece of text and every attribute value is
/// HTML-encoded (<see cref="HtmlEncoder.Default"/>, which also encodes quotes and bidi controls),
/// links are written only for http(s) URLs with <c>rel="noopener noreferrer"</c>, and no message
/// content can produce an element, attribute, style or script of its own.
/// https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
/// Buttons are <c>&lt;button data-action-id data-value&gt;</c>; the console script posts them to
/// <c>/api/console/actions</c> and asks first when <c>data-confirm</c> is present. Nothing is cut.
/// </summary>
public sealed class HtmlRenderer : IChatMessageRenderer<string>
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public string Render(ChatMessage message, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = new StringBuilder("<div class=\"chat-message\">");
        if (!string.IsNullOrWhiteSpace(message.Header))
        {
            html.Append("<h3 class=\"chat-header\">").Append(Encode(message.Header)).Append("</h3>");
        }

        foreach (var block in message.Blocks)
        {
            RenderBlock(html, block);
        }

        if (message.Blocks.Count == 0)
        {
            html.Append("<p class=\"chat-section\">").Append(Lines(message.Text)).Append("</p>");
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>Rich text as inline HTML.</summary>
    public static string RenderText(RichText text)
    {
        var html = new StringBuilder();
        foreach (var run in text.Runs)
        {
            var inner = Lines(run.Text);
            if (run.Mention is not null)
            {
                inner = "<span class=\"mention\">@" + inner + "</span>";
            }

            inner = run.Style switch
            {
                TextStyle.Bold => "<strong>" + inner + "</strong>",
                TextStyle.Italic => "<em>" + inner + "</em>",
                TextStyle.Code => "<code>" + inner + "</code>",
                _ => inner,
            };
            html.Append(run.SafeLink is { } link ? Anchor(link, inner) : inner);
        }

        return html.ToString();
    }

    private static void RenderBlock(StringBuilder html, MessageBlock block)
    {
        switch (block)
        {
            case SectionBlock section:
                if (!section.Text.IsEmpty)
                {
                    html.Append("<p class=\"chat-section\">").Append(RenderText(section.Text)).Append("</p>");
                }

                Fields(html, section.Fields);
                break;
            case FieldsBlock fields:
                Fields(html, fields.Fields);
                break;
            case CodeBlock code:
                html.Append("<pre class=\"chat-code\"><code>").Append(Encode(code.Code)).Append("</code></pre>");
                break;
            case TableBlock table:
                Table(html, table);
                break;
            case ContextBlock context:
                html.Append("<p class=\"chat-context\"><small>")
                    .AppendJoin(" · ", context.Elements.Where(element => !element.IsEmpty).Select(RenderText))
                    .Append("</small></p>");
                break;
            case DividerBlock:
                html.Append("<hr>");
                break;
            case ActionsBlock actions:
                html.Append("<div class=\"chat-actions\">").AppendJoin(' ', actions.Buttons.Select(Button)).Append("</div>");
                break;
            default:
                throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
        }
    }

    private static void Fields(StringBuilder html, IReadOnlyList<MessageField> fields)
    {
        if (fields.Count == 0)
        {
            return;
        }

        html.Append("<dl class=\"chat-fields\">");
        foreach (var field in fields)
        {
            html.Append("<dt>").Append(Encode(field.Label)).Append("</dt><dd>").Append(RenderText(field.Value)).Append("</dd>");
        }

        html.Append("</dl>");
    }

    private static void Table(StringBuilder html, TableBlock table)
    {
        html.Append("<table class=\"chat-table\">");
        if (table.Caption is { Length: > 0 } caption)
        {
            html.Append("<caption>").Append(Encode(caption)).Append("</caption>");
        }

        html.Append("<thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th").Append(AlignClass(column.Alignment)).Append('>').Append(Encode(column.Header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        for (var row = 0; row < table.Rows.Count; row++)
        {
            html.Append("<tr>");
            for (var column = 0; column < table.Columns.Count; column++)
            {
                html.Append("<td").Append(AlignClass(table.Columns[column].Alignment)).Append('>').Append(Encode(table.Cell(row, column))).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Button(ChatButton button)
    {
        if (button.Url is { } url)
        {
            return Anchor(url, Encode(button.Text), "btn btn-link");
        }

        var css = button.Style switch
        {
            ButtonStyle.Primary => "btn btn-primary",
            ButtonStyle.Danger => "btn btn-danger",
            _ => "btn btn-secondary",
        };
        var html = new StringBuilder("<button type=\"button\" class=\"").Append(css)
            .Append("\" data-action-id=\"").Append(Encode(button.ActionId))
            .Append("\" data-value=\"").Append(Encode(button.Value)).Append('"');
        if (button.Confirm is { } confirm)
        {
            html.Append(" data-confirm=\"").Append(Encode(confirm.Title + "\n\n" + confirm.Text)).Append('"')
                .Append(" data-confirm-ok=\"").Append(Encode(confirm.ConfirmText)).Append('"')
                .Append(" data-confirm-cancel=\"").Append(Encode(confirm.DenyText)).Append('"');
        }

        return html.Append('>').Append(Encode(button.Text)).Append("</button>").ToString();
    }

    private static string Anchor(Uri url, string innerHtml, string? css = null) =>
        "<a" + (css is null ? string.Empty : " class=\"" + css + "\"") + " href=\"" + Encode(url.AbsoluteUri) +
        "\" rel=\"noopener noreferrer\" target=\"_blank\">" + innerHtml + "</a>";

    private static string AlignClass(ColumnAlignment alignment) => alignment switch
    {
        ColumnAlignment.Right => " class=\"align-right\"",
        ColumnAlignment.Center => " class=\"align-center\"",
        _ => string.Empty,
    };

    private static string Encode(string text) => Encoder.Encode(text);

    private static string Lines(string text) => Encode(text.ReplaceLineEndings("\n")).Replace("&#xA;", "<br>", StringComparison.Ordinal);
}
