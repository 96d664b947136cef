using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

public sealed partial class AdaptiveCardRenderer
{
    private const int MaxCell = 500;

    // https://adaptivecards.io/explorer/Table.html (1.5): the header is the first row.
    private static List<JsonObject>? Table(TableBlock table, Budget budget, RenderOptions options)
    {
        if (table.Columns.Count == 0)
        {
            return [];
        }

        var elements = new List<JsonObject>();
        if (table.Caption is { Length: > 0 } caption)
        {
            var title = TextBlock(AdaptiveCardMarkdown.Escape(TextLimits.Truncate(caption.Trim().ReplaceLineEndings(" "), 500)));
            title["weight"] = "Bolder";
            elements.Add(title);
        }

        var columns = new JsonArray([.. table.Columns.Select((column, index) => (JsonNode)Column(table, column, index))]);
        var rows = new JsonArray(Row(table.Columns.Select(column => column.Header), header: true));
        var shell = new JsonObject
        {
            ["type"] = "Table",
            ["columns"] = columns,
            ["rows"] = rows,
            ["firstRowAsHeader"] = true,
            ["showGridLines"] = true,
        };
        elements.Add(shell);
        if (!budget.TryTake(new JsonArray([.. elements.Select(element => element.DeepClone())])))
        {
            return null;
        }

        var shown = 0;
        for (; shown < table.Rows.Count; shown++)
        {
            var row = Row(Enumerable.Range(0, table.Columns.Count).Select(column => table.Cell(shown, column)), header: false);
            if (!budget.TryTake(row))
            {
                break;
            }

            rows.Add(row);
        }

        if (shown < table.Rows.Count)
        {
            elements.Add(MoreNote(table.Rows.Count - shown, "rows", options));
        }

        return elements;
    }

    private static JsonObject Column(TableBlock table, TableColumn column, int index)
    {
        var widest = Math.Max(column.Header.Length, table.Rows.Select((_, row) => table.Cell(row, index).Length).DefaultIfEmpty(0).Max());
        var definition = new JsonObject { ["type"] = "TableColumnDefinition", ["width"] = Math.Clamp(widest / 8, 1, 6) };
        if (column.Alignment != ColumnAlignment.Left)
        {
            definition["horizontalCellContentAlignment"] = column.Alignment.ToString();
        }

        return definition;
    }

    private static JsonObject Row(IEnumerable<string> cells, bool header) => new()
    {
        ["type"] = "TableRow",
        ["cells"] = new JsonArray([.. cells.Select(cell =>
        {
            var text = TextBlock(AdaptiveCardMarkdown.Escape(TextLimits.Truncate(cell.ReplaceLineEndings(" "), MaxCell)));
            if (header)
            {
                text["weight"] = "Bolder";
            }

            return (JsonNode)new JsonObject { ["type"] = "TableCell", ["items"] = new JsonArray(text) };
        })]),
    };
}
