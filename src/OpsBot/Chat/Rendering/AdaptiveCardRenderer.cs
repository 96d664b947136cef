using System.Text;
using System.Text.Json.Nodes;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>
/// Renders a <see cref="ChatMessage"/> as an Adaptive Card 1.5 for Teams (the attachment content of a
/// Bot Framework activity, or the value of an <c>adaptiveCard/action</c> invoke response).
/// https://adaptivecards.io/explorer/
/// Section text becomes a <c>RichTextBlock</c> of <c>TextRun</c>s, which Teams never reads as markdown;
/// the TextBlocks and facts that do read markdown get <see cref="AdaptiveCardMarkdown"/> escaping.
/// Buttons are <c>Action.Execute</c> (verb = action id, data = {actionId, value}) with an <c>Action.Submit</c>
/// fallback carrying the same data; a button with a
/// confirmation becomes an <c>Action.ShowCard</c> holding the real action. The card stays under
/// <see cref="AdaptiveCardLimits.CardBytes"/>: what does not fit is dropped with an "…and N more" line.
/// </summary>
public sealed partial class AdaptiveCardRenderer : IChatMessageRenderer<JsonObject>
{
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";

    // Room kept for the skeleton, the trailing actions and the "…and N more" line.
    private const int Reserve = 12 * 1024;

    public JsonObject Render(ChatMessage message, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        options ??= RenderOptions.Default;
        var body = new JsonArray();
        JsonArray? cardActions = null;
        var budget = new Budget(AdaptiveCardLimits.CardBytes - Reserve);
        if (!string.IsNullOrWhiteSpace(message.Header))
        {
            var header = TextBlock(AdaptiveCardMarkdown.Escape(TextLimits.Truncate(message.Header.Trim().ReplaceLineEndings(" "), 500)));
            header["size"] = "Large";
            header["weight"] = "Bolder";
            header["style"] = "heading";
            _ = budget.TryTake(header); // always fits: at most 500 chars
            body.Add(header);
        }

        var blocks = message.Blocks;
        var trailing = blocks.Count > 0 && blocks[^1] is ActionsBlock { Buttons.Count: > 0 } last ? last : null;
        var droppedButtons = 0;
        if (trailing is not null)
        {
            // The card's own buttons are sized first: each carries its data twice (Action.Execute and its Action.Submit
            // fallback), and long values full of characters JSON escapes can outweigh the body. What does not fit is dropped.
            cardActions = Actions(trailing.Buttons, out droppedButtons);
            while (cardActions.Count > 0 && !budget.TryTake(cardActions))
            {
                cardActions.RemoveAt(cardActions.Count - 1);
                droppedButtons++;
            }
        }

        var separator = false;
        var placed = 0;
        var content = trailing is null ? blocks.Count : blocks.Count - 1;
        for (; placed < content; placed++)
        {
            if (blocks[placed] is DividerBlock)
            {
                separator = true;
                continue;
            }

            var elements = RenderBlock(blocks[placed], budget, options);
            if (elements is null)
            {
                break;
            }

            if (separator && elements.Count > 0)
            {
                elements[0]["separator"] = true;
                separator = false;
            }

            elements.ForEach(element => body.Add(element));
        }

        if (placed < content)
        {
            body.Add(MoreNote(content - placed, "blocks", options));
        }

        if (droppedButtons > 0)
        {
            body.Add(MoreNote(droppedButtons, "buttons", options));
        }

        if (cardActions is { Count: 0 })
        {
            cardActions = null;
        }

        if (body.Count == 0)
        {
            body.Add(TextBlock(AdaptiveCardMarkdown.Escape(TextLimits.Truncate(message.Text, AdaptiveCardLimits.Text))));
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = Schema,
            ["version"] = Version,
            ["body"] = body,
        };
        if (cardActions is not null)
        {
            card["actions"] = cardActions;
        }

        card["msteams"] = new JsonObject { ["width"] = "Full" };
        if (MentionEntities(message) is { Count: > 0 } entities)
        {
            card["msteams"]!["entities"] = entities;
        }

        return card;
    }

    // Every Teams mention the message makes, once per person: the entity Teams needs to turn "<at>name</at>" into a mention.
    private static JsonArray? MentionEntities(ChatMessage message)
    {
        var entities = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in MentionRuns(JsonNode.Parse(ChatMessageJson.Serialize(message))))
        {
            if (run.Mention is { Platform: "teams" } mention && run.Text.Length > 0 && seen.Add(mention.UserId + "\n" + run.Text))
            {
                var text = AdaptiveCardMarkdown.MentionText(run.Text);
                entities.Add(new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = text,
                    ["mentioned"] = new JsonObject { ["id"] = mention.UserId, ["name"] = text[4..^5] },
                });
            }
        }

        return entities.Count == 0 ? null : entities;
    }

    private static IEnumerable<TextRun> MentionRuns(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json when json["mention"] is JsonObject mention && (string?)json["text"] is { } text
                && (string?)mention["platform"] is { } platform && (string?)mention["userId"] is { } user:
                yield return new TextRun(text, TextStyle.Plain, null, new PersonMention(platform, user));
                break;
            case JsonObject json:
                foreach (var child in json.Select(pair => pair.Value).SelectMany(MentionRuns))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(MentionRuns))
                {
                    yield return child;
                }

                break;
        }
    }

    /// <summary>The UTF-8 size of a card as sent (the default, escaping JSON writer).</summary>
    public static int SizeOf(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    private static JsonObject TextBlock(string markdown) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = markdown.Length == 0 ? "\u2014" : markdown,
        ["wrap"] = true,
    };

    private static JsonObject MoreNote(int count, string noun, RenderOptions options)
    {
        var note = RichText.Italic(TextLimits.AndMore(count, noun));
        if (options.DashboardUrl is { } url)
        {
            note += " · " + RichText.Link(options.DashboardLinkText, url);
        }

        return Small(AdaptiveCardMarkdown.Render(note, 1000));
    }

    private static JsonObject Small(string markdown)
    {
        var block = TextBlock(markdown);
        block["size"] = "Small";
        block["isSubtle"] = true;
        return block;
    }

    /// <summary>Bytes left for the card body.</summary>
    private sealed class Budget(int bytes)
    {
        public int Left { get; private set; } = bytes;

        public bool TryTake(JsonNode node)
        {
            var size = SizeOf(node) + 1;
            if (size > Left)
            {
                return false;
            }

            Left -= size;
            return true;
        }
    }
}
