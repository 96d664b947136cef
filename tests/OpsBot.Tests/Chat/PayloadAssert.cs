using System.Text.Json.Nodes;
using OpsBot.Chat.Rendering;

namespace OpsBot.Tests.Chat;

/// <summary>Checks on rendered payloads shared by the renderer tests.</summary>
internal static class PayloadAssert
{
    /// <summary>Every string value in a JSON tree with its path.</summary>
    public static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    foreach (var item in Strings(child, $"{path}.{key}"))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var item in Strings(array[i], $"{path}[{i}]"))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }

    /// <summary>The text of every mrkdwn text object.</summary>
    public static IEnumerable<string> SlackMrkdwn(JsonObject payload) => MrkdwnObjects(payload["blocks"]).Append((string)payload["text"]!);

    private static IEnumerable<string> MrkdwnObjects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj when (string?)obj["type"] == "mrkdwn":
                yield return (string)obj["text"]!;
                break;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    foreach (var text in MrkdwnObjects(child))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var text in MrkdwnObjects(child))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }

    /// <summary>Every Block Kit limit OpsBot enforces (SlackLimits), and no empty text.</summary>
    public static void WithinSlackLimits(JsonObject payload)
    {
        var text = (string?)payload["text"];
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.InRange(text!.Length, 1, SlackLimits.FallbackText);
        var blocks = payload["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, SlackLimits.Blocks);
        Assert.True(blocks.Sum(block => block!.ToJsonString().Length) <= SlackLimits.TotalBlockText);
        var actionIds = new HashSet<string>();
        foreach (var block in blocks.Select(block => block!.AsObject()))
        {
            switch ((string?)block["type"])
            {
                case "header":
                    Assert.InRange(((string)block["text"]!["text"]!).Length, 1, SlackLimits.HeaderText);
                    break;
                case "section":
                    if (block["text"] is { } sectionText)
                    {
                        Assert.InRange(((string)sectionText["text"]!).Length, 1, SlackLimits.SectionText);
                    }

                    var fields = block["fields"]?.AsArray() ?? [];
                    Assert.InRange(fields.Count, 0, SlackLimits.Fields);
                    Assert.All(fields, field => Assert.InRange(((string)field!["text"]!).Length, 1, SlackLimits.FieldText));
                    Assert.True(block["text"] is not null || fields.Count > 0);
                    break;
                case "context":
                    var elements = block["elements"]!.AsArray();
                    Assert.InRange(elements.Count, 1, SlackLimits.ContextElements);
                    Assert.All(elements, element => Assert.InRange(((string)element!["text"]!).Length, 1, SlackLimits.ContextElementText));
                    break;
                case "actions":
                    var buttons = block["elements"]!.AsArray();
                    Assert.InRange(buttons.Count, 1, SlackLimits.ActionElements);
                    foreach (var button in buttons.Select(button => button!))
                    {
                        var id = (string)button["action_id"]!;
                        Assert.InRange(id.Length, 1, SlackLimits.ActionId);
                        Assert.True(actionIds.Add(id), $"action_id {id} is repeated");
                        Assert.InRange(((string)button["text"]!["text"]!).Length, 1, SlackLimits.ButtonText);
                        Assert.Contains((string?)button["style"], new string?[] { null, "primary", "danger" });
                        if (button["confirm"] is { } confirm)
                        {
                            Assert.InRange(((string)confirm["title"]!["text"]!).Length, 1, SlackLimits.ConfirmTitle);
                            Assert.InRange(((string)confirm["text"]!["text"]!).Length, 1, SlackLimits.ConfirmText);
                            Assert.InRange(((string)confirm["confirm"]!["text"]!).Length, 1, SlackLimits.ConfirmButton);
                            Assert.InRange(((string)confirm["deny"]!["text"]!).Length, 1, SlackLimits.ConfirmButton);
                        }
                    }

                    break;
                case "divider":
                    break;
                default:
                    Assert.Fail($"Unexpected block type {block["type"]}");
                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="c"/> occurs without a backslash escape in markdown text.</summary>
    public static bool HasUnescaped(string markdown, char c)
    {
        for (var i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] == '\\')
            {
                i++; // skip the escaped character
            }
            else if (markdown[i] == c)
            {
                return true;
            }
        }

        return false;
    }
}
