using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>
/// A table of plain strings, e.g. <c>/k8s pods</c>. Rows shorter than the header are padded with
/// empty cells; extra cells are ignored. Platforms that cannot show a whole table show its first
/// rows and say how many more there are.
/// </summary>
public sealed record TableBlock(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : MessageBlock
{
    public IReadOnlyList<TableColumn> Columns { get; init; } = Columns ?? [];

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; init; } = Rows ?? [];

    /// <summary>A short title shown above the table.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Caption { get; init; }

    /// <summary>The cell at <paramref name="row"/>, <paramref name="column"/>; empty when the row is short.</summary>
    public string Cell(int row, int column) => column < Rows[row].Count ? Rows[row][column] ?? string.Empty : string.Empty;
}
