using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

public sealed partial class SlackBlockKitRenderer
{
    // https://docs.slack.dev/reference/block-kit/blocks/actions-block
    private static List<JsonObject> Actions(ActionsBlock actions, SlackActionIds.Allocator ids, RenderOptions options)
    {
        if (actions.Buttons.Count == 0)
        {
            return [];
        }

        var shown = Math.Min(actions.Buttons.Count, SlackLimits.ActionElements);
        var elements = new JsonArray([.. actions.Buttons.Take(shown).Select(button => (JsonNode)Button(button, ids))]);
        List<JsonObject> blocks = [new JsonObject { ["type"] = "actions", ["elements"] = elements }];
        if (shown < actions.Buttons.Count)
        {
            blocks.Add(MoreNote(actions.Buttons.Count - shown, "buttons", options));
        }

        return blocks;
    }

    // https://docs.slack.dev/reference/block-kit/block-elements/button-element
    private static JsonObject Button(ChatButton button, SlackActionIds.Allocator ids)
    {
        var element = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = ids.Next(button.ActionId),
            ["text"] = PlainText(string.IsNullOrWhiteSpace(button.Text) ? button.ActionId : button.Text.ReplaceLineEndings(" "), SlackLimits.ButtonText),
        };
        if (button.Value.Length > 0)
        {
            element["value"] = button.Value;
        }

        if (button.Url is { } url)
        {
            element["url"] = url.AbsoluteUri;
        }

        if (button.Style != ButtonStyle.Default)
        {
            element["style"] = button.Style == ButtonStyle.Danger ? "danger" : "primary";
        }

        if (button.Confirm is { } confirm)
        {
            element["confirm"] = Confirm(confirm, button.Style);
        }

        return element;
    }

    // https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
    private static JsonObject Confirm(ConfirmDialog confirm, ButtonStyle style)
    {
        var dialog = new JsonObject
        {
            ["title"] = PlainText(string.IsNullOrWhiteSpace(confirm.Title) ? "Are you sure?" : confirm.Title.ReplaceLineEndings(" "), SlackLimits.ConfirmTitle),
            ["text"] = PlainText(string.IsNullOrWhiteSpace(confirm.Text) ? "Are you sure?" : confirm.Text, SlackLimits.ConfirmText),
            ["confirm"] = PlainText(string.IsNullOrWhiteSpace(confirm.ConfirmText) ? "Confirm" : confirm.ConfirmText, SlackLimits.ConfirmButton),
            ["deny"] = PlainText(string.IsNullOrWhiteSpace(confirm.DenyText) ? "Cancel" : confirm.DenyText, SlackLimits.ConfirmButton),
        };
        if (style == ButtonStyle.Danger)
        {
            dialog["style"] = "danger";
        }

        return dialog;
    }
}
