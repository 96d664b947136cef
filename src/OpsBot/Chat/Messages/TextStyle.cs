using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>How one <see cref="TextRun"/> is shown. Renderers map it to each platform's own formatting.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TextStyle>))]
public enum TextStyle
{
    Plain,
    Bold,
    Italic,
    Code,
}
