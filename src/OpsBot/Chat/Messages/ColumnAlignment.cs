using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>How the cells of a column line up.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ColumnAlignment>))]
public enum ColumnAlignment
{
    Left,
    Right,
    Center,
}
