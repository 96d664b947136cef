using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

public sealed partial class AdaptiveCardRenderer
{
    // An actions block inside the body: https://adaptivecards.io/explorer/ActionSet.html
    private static List<JsonObject> ActionSet(ActionsBlock actions, RenderOptions options)
    {
        if (actions.Buttons.Count == 0)
        {
            return [];
        }

        List<JsonObject> elements = [new JsonObject { ["type"] = "ActionSet", ["actions"] = Actions(actions.Buttons, out var dropped) }];
        if (dropped > 0)
        {
            elements.Add(MoreNote(dropped, "buttons", options));
        }

        return elements;
    }

    private static JsonArray Actions(IReadOnlyList<ChatButton> buttons, out int dropped)
    {
        var shown = Math.Min(buttons.Count, AdaptiveCardLimits.Actions);
        dropped = buttons.Count - shown;
        return new JsonArray([.. buttons.Take(shown).Select(button => (JsonNode)Action(button))]);
    }

    private static JsonObject Action(ChatButton button)
    {
        var title = Title(button.Text, button.ActionId);
        if (button.Url is { } url)
        {
            // https://adaptivecards.io/explorer/Action.OpenUrl.html
            return new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url.AbsoluteUri, ["style"] = Style(button.Style) };
        }

        if (button.Confirm is { } confirm)
        {
            return ShowCard(button, confirm, title);
        }

        return Execute(button, title);
    }

    // https://adaptivecards.io/explorer/Action.Execute.html — Teams sends an adaptiveCard/action invoke with verb and data.
    // Clients without Action.Execute use the fallback Action.Submit: a message activity whose value is the same data.
    private static JsonObject Execute(ChatButton button, string title) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = button.ActionId,
        ["data"] = new JsonObject { ["actionId"] = button.ActionId, ["value"] = button.Value },
        ["style"] = Style(button.Style),
        ["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject { ["actionId"] = button.ActionId, ["value"] = button.Value },
            ["style"] = Style(button.Style),
        },
    };

    // Adaptive Cards have no confirm dialog: the button opens a sub-card that holds the real action.
    // https://adaptivecards.io/explorer/Action.ShowCard.html
    private static JsonObject ShowCard(ChatButton button, ConfirmDialog confirm, string title)
    {
        var heading = TextBlock(AdaptiveCardMarkdown.Escape(TextLimits.Truncate(Or(confirm.Title, "Are you sure?").ReplaceLineEndings(" "), 100)));
        heading["weight"] = "Bolder";
        var deny = TextLimits.Truncate(Or(confirm.DenyText, "Cancel"), 30);
        var note = AdaptiveCardMarkdown.Escape($"{deny}: choose \u201C{title}\u201D again to close this without acting.");
        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = title,
            ["style"] = Style(button.Style),
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["body"] = new JsonArray(
                    heading,
                    TextBlock(AdaptiveCardMarkdown.Escape(TextLimits.Truncate(Or(confirm.Text, "Are you sure?"), 300))),
                    Small(note)),
                ["actions"] = new JsonArray(Execute(button, Title(confirm.ConfirmText, "Confirm"))),
            },
        };
    }

    private static string Style(ButtonStyle style) => style switch
    {
        ButtonStyle.Primary => "positive",
        ButtonStyle.Danger => "destructive",
        _ => "default",
    };

    private static string Title(string text, string fallback) =>
        TextLimits.Truncate(Or(text, fallback).Trim().ReplaceLineEndings(" "), AdaptiveCardLimits.ButtonTitle);

    private static string Or(string text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text;
}
