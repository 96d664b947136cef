using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Teams;

/// <summary>
/// Turns replies into Teams messages: the <see cref="AdaptiveCardRenderer"/> card as an attachment,
/// with the plain text beside it for notifications and clients without cards. A button with a
/// <see cref="ConfirmDialog"/> becomes a two-step button: its first press replaces the card with a
/// "Really …?" card holding Confirm (the real action) and Cancel (the card as it was).
/// </summary>
public sealed class TeamsCards(AdaptiveCardRenderer renderer)
{
    /// <summary>First press of a dangerous button: value = a <see cref="ConfirmationRequest"/>.</summary>
    public const string ConfirmActionId = "teams.confirm";

    /// <summary>Cancel on a confirmation card: brings the original card back.</summary>
    public const string CancelActionId = "teams.cancel";

    /// <summary>The card for a message, dangerous buttons turned into confirmation steps.</summary>
    public JsonObject Card(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return renderer.Render(WithConfirmationSteps(message));
    }

    /// <summary>A message activity carrying <paramref name="card"/> and the fallback text.</summary>
    public static BotActivity Activity(JsonObject card, string text) => new()
    {
        Type = TeamsActivities.Message,
        Text = text,
        Summary = text.Length <= 200 ? text : text[..199] + "…",
        Attachments = [new BotAttachment(BotAttachment.AdaptiveCardContentType, card)],
    };

    /// <summary>A message activity for a reply.</summary>
    public BotActivity Activity(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Activity(Card(message), message.Text);
    }

    /// <summary>The confirmation card for a <see cref="ConfirmActionId"/> press, or null when its value is not one.</summary>
    public JsonObject? ConfirmationCard(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            var request = JsonSerializer.Deserialize(value, TeamsJsonContext.Default.ConfirmationRequest);
            if (request is null)
            {
                return null;
            }

            var confirm = new ChatButton(request.ActionId, request.ConfirmText, request.Value) { Style = request.Style };
            var message = new ChatMessage(string.IsNullOrWhiteSpace(request.Title) ? "Are you sure?" : request.Title)
            {
                Header = string.IsNullOrWhiteSpace(request.Title) ? "Are you sure?" : request.Title,
                Blocks =
                [
                    new SectionBlock(request.Text),
                    new ActionsBlock([confirm, new ChatButton(CancelActionId, request.DenyText)]),
                ],
            };
            return renderer.Render(message);
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The card shown after Cancel when the original card is no longer remembered.</summary>
    public JsonObject CancelledCard() =>
        renderer.Render(new ChatMessage("Cancelled: nothing was done.") { Blocks = [new SectionBlock("Cancelled: nothing was done. Run the command again to act.")] });

    /// <summary>Whether a card holds a confirmation step (worth remembering for Cancel).</summary>
    public static bool HasConfirmationStep(JsonNode? node) => node switch
    {
        JsonObject obj => (obj["verb"] is JsonValue verb && verb.TryGetValue<string>(out var name) && name == ConfirmActionId)
            || obj.Any(property => HasConfirmationStep(property.Value)),
        JsonArray array => array.Any(HasConfirmationStep),
        _ => false,
    };

    private static ChatMessage WithConfirmationSteps(ChatMessage message)
    {
        if (!message.Buttons.Any(button => button.Confirm is not null && button.Url is null))
        {
            return message;
        }

        return message with
        {
            Blocks = [.. message.Blocks.Select(block => block is ActionsBlock actions
                ? actions with { Buttons = [.. actions.Buttons.Select(TwoStep)] }
                : block)],
        };
    }

    private static ChatButton TwoStep(ChatButton button)
    {
        if (button.Confirm is not { } confirm || button.Url is not null)
        {
            return button;
        }

        var request = new ConfirmationRequest(button.ActionId, button.Value, confirm.Title, confirm.Text, confirm.ConfirmText, confirm.DenyText, button.Style);
        var value = JsonSerializer.Serialize(request, TeamsJsonContext.Default.ConfirmationRequest);
        // Too long to carry: keep the renderer's inline confirmation (Action.ShowCard) instead.
        return value.Length <= ChatButton.MaxValueLength ? new ChatButton(ConfirmActionId, button.Text, value) { Style = button.Style } : button;
    }
}
