using System.Text;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>Lays a <see cref="TableBlock"/> out as aligned monospace lines (plain text and Slack).</summary>
public static class TableLayout
{
    /// <summary>Cells longer than this are cut, so that one long value cannot push the table apart.</summary>
    public const int MaxCellWidth = 60;

    /// <summary>The header line followed by one line per row; trailing spaces trimmed.</summary>
    public static IReadOnlyList<string> Lines(TableBlock table, int rowCount)
    {
        var columns = table.Columns.Count;
        var cells = new string[rowCount + 1][];
        cells[0] = [.. table.Columns.Select(column => Clean(column.Header))];
        for (var row = 0; row < rowCount; row++)
        {
            cells[row + 1] = [.. Enumerable.Range(0, columns).Select(column => Clean(table.Cell(row, column)))];
        }

        var widths = Enumerable.Range(0, columns).Select(column => cells.Max(line => line[column].Length)).ToArray();
        var lines = new List<string>(rowCount + 1);
        var builder = new StringBuilder();
        foreach (var line in cells)
        {
            builder.Clear();
            for (var column = 0; column < columns; column++)
            {
                if (column > 0)
                {
                    builder.Append("  ");
                }

                builder.Append(Pad(line[column], widths[column], table.Columns[column].Alignment));
            }

            lines.Add(builder.ToString().TrimEnd());
        }

        return lines;
    }

    private static string Clean(string cell) =>
        TextLimits.Truncate(cell.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' '), MaxCellWidth);

    private static string Pad(string text, int width, ColumnAlignment alignment) => alignment switch
    {
        ColumnAlignment.Right => text.PadLeft(width),
        ColumnAlignment.Center => text.PadLeft(((width - text.Length) / 2) + text.Length).PadRight(width),
        _ => text.PadRight(width),
    };
}
