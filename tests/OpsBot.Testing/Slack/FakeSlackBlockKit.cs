using System.Text.Json.Nodes;

namespace OpsBot.Testing.Slack;

/// <summary>
/// The Block Kit checks Slack applies to a message before accepting it (a failure is Slack's
/// <c>invalid_blocks</c>): block and element types, required fields, and the documented limits.
/// https://docs.slack.dev/reference/block-kit/blocks
/// </summary>
public static class FakeSlackBlockKit
{
    private static readonly HashSet<string> BlockTypes = ["header", "section", "context", "actions", "divider", "image", "rich_text", "input", "file", "video"];

    /// <summary>Null when Slack would accept the blocks; else what is wrong.</summary>
    public static string? Problem(JsonNode? blocks)
    {
        if (blocks is null)
        {
            return null;
        }

        if (blocks is not JsonArray array)
        {
            return "blocks is not an array";
        }

        if (array.Count > 50)
        {
            return $"{array.Count} blocks (max 50)";
        }

        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject block || (string?)block["type"] is not { } type || !BlockTypes.Contains(type))
            {
                return $"blocks[{i}] has no known type";
            }

            if ((string?)block["block_id"] is { } blockId && (blockId.Length > 255 || !blockIds.Add(blockId)))
            {
                return $"blocks[{i}].block_id is too long or repeated";
            }

            var problem = type switch
            {
                "header" => Text(block["text"], $"blocks[{i}].text", 150, plainOnly: true),
                "section" => Section(block, i),
                "context" => Elements(block, i, 10, element => Text(element, $"blocks[{i}].elements[]", 2000, plainOnly: false)),
                "actions" => Elements(block, i, 25, element => Button(element, i, actionIds)),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Section(JsonObject block, int i)
    {
        if (block["text"] is null && block["fields"] is null)
        {
            return $"blocks[{i}] (section) needs text or fields";
        }

        if (block["text"] is { } text && Text(text, $"blocks[{i}].text", 3000, plainOnly: false) is { } problem)
        {
            return problem;
        }

        if (block["fields"] is JsonArray fields)
        {
            if (fields.Count > 10)
            {
                return $"blocks[{i}] has {fields.Count} fields (max 10)";
            }

            return fields.Select(field => Text(field, $"blocks[{i}].fields[]", 2000, plainOnly: false)).FirstOrDefault(found => found is not null);
        }

        return null;
    }

    private static string? Elements(JsonObject block, int i, int max, Func<JsonNode?, string?> check)
    {
        if (block["elements"] is not JsonArray elements || elements.Count == 0 || elements.Count > max)
        {
            return $"blocks[{i}] needs 1..{max} elements";
        }

        return elements.Select(check).FirstOrDefault(found => found is not null);
    }

    private static string? Button(JsonNode? node, int i, HashSet<string> actionIds)
    {
        var at = $"blocks[{i}].elements[]";
        if (node is not JsonObject button || (string?)button["type"] != "button")
        {
            return $"{at} is not a button";
        }

        if ((string?)button["action_id"] is { } actionId && (actionId.Length > 255 || !actionIds.Add(actionId)))
        {
            return $"{at}.action_id is too long or not unique";
        }

        if (Text(button["text"], $"{at}.text", 75, plainOnly: true) is { } problem)
        {
            return problem;
        }

        if (((string?)button["value"])?.Length > 2000 || ((string?)button["url"])?.Length > 3000)
        {
            return $"{at} value or url too long";
        }

        if ((string?)button["style"] is { } style && style is not ("primary" or "danger"))
        {
            return $"{at}.style must be primary or danger";
        }

        if (button["confirm"] is JsonObject confirm)
        {
            return Text(confirm["title"], $"{at}.confirm.title", 100, plainOnly: true)
                ?? Text(confirm["text"], $"{at}.confirm.text", 300, plainOnly: false)
                ?? Text(confirm["confirm"], $"{at}.confirm.confirm", 30, plainOnly: true)
                ?? Text(confirm["deny"], $"{at}.confirm.deny", 30, plainOnly: true);
        }

        return null;
    }

    private static string? Text(JsonNode? node, string at, int max, bool plainOnly)
    {
        if (node is not JsonObject text || (string?)text["type"] is not { } type || (type != "plain_text" && (plainOnly || type != "mrkdwn")))
        {
            return $"{at} must be a {(plainOnly ? "plain_text" : "text")} object";
        }

        var value = (string?)text["text"];
        return string.IsNullOrEmpty(value) || value.Length > max ? $"{at}.text must be 1..{max} characters" : null;
    }
}
