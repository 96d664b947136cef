using System.Text.Json.Serialization;
using OpsBot.Chat.Messages;

namespace OpsBot.Teams;

/// <summary>
/// A dangerous button's first press in Teams (which has no confirm dialog): the real button and its
/// <see cref="ConfirmDialog"/>, carried compactly in the value of a <see cref="TeamsCards.ConfirmActionId"/> button.
/// Forging one only shows a confirmation card; its Confirm button goes through the pipeline like any press.
/// </summary>
public sealed record ConfirmationRequest(
    [property: JsonPropertyName("a")] string ActionId,
    [property: JsonPropertyName("v")] string Value,
    [property: JsonPropertyName("t")] string Title,
    [property: JsonPropertyName("x")] string Text,
    [property: JsonPropertyName("c")] string ConfirmText,
    [property: JsonPropertyName("d")] string DenyText,
    [property: JsonPropertyName("s")] ButtonStyle Style);
