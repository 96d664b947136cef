using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>A button's emphasis: Slack <c>primary</c>/<c>danger</c>, Teams <c>positive</c>/<c>destructive</c>.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ButtonStyle>))]
public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
