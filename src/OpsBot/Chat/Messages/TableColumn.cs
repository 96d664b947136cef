using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>A column of a <see cref="TableBlock"/>. A string converts to a left-aligned column.</summary>
public sealed record TableColumn(
    string Header,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] ColumnAlignment Alignment = ColumnAlignment.Left)
{
    public string Header { get; init; } = Header ?? string.Empty;

    public static implicit operator TableColumn(string header) => new(header);
}

