using System.Text.Json.Nodes;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Console;

/// <summary>
/// The console API's answer: plain text, the ChatMessage (with its buttons), its HTML and any report; for a
/// reply that went into the channel's feed, its <c>messageId</c> and <c>sequence</c> (and whether it replaced the original).
/// </summary>
internal static class ConsoleReply
{
    private static readonly PlainTextRenderer PlainText = new();
    private static readonly HtmlRenderer Html = new();

    /// <summary>An answer only the requester sees (not in the feed).</summary>
    public static JsonObject From(ChatReply reply) => new()
    {
        ["text"] = PlainText.Render(reply.Message),
        ["message"] = JsonNode.Parse(ChatMessageJson.Serialize(reply.Message)),
        ["html"] = Html.Render(reply.Message),
        ["ephemeral"] = reply.Ephemeral,
        ["report"] = reply.Report?.DeepClone(),
    };

    /// <summary>An answer posted to the channel's feed as <paramref name="entry"/> (rendered there once).</summary>
    public static JsonObject From(ChatReply reply, ConsoleFeedEntry entry, bool replaced) => new()
    {
        ["text"] = entry.Text,
        ["message"] = JsonNode.Parse(entry.MessageJson),
        ["html"] = entry.Html,
        ["ephemeral"] = false,
        ["report"] = reply.Report?.DeepClone(),
        ["messageId"] = entry.Id,
        ["sequence"] = entry.Sequence,
        ["replaced"] = replaced,
    };

    /// <summary>A feed entry as <c>GET /api/console/channels/{channel}/messages</c> returns it.</summary>
    public static JsonObject Entry(ConsoleFeedEntry entry) => new()
    {
        ["id"] = entry.Id,
        ["sequence"] = entry.Sequence,
        ["user"] = entry.User,
        ["command"] = entry.Command,
        ["time"] = entry.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["text"] = entry.Text,
        ["message"] = JsonNode.Parse(entry.MessageJson),
        ["html"] = entry.Html,
        ["updated"] = entry.Updated,
        ["threadId"] = entry.ThreadId,
    };

    public static IResult BadRequest(string error) => Results.Json(new JsonObject { ["error"] = error }, statusCode: StatusCodes.Status400BadRequest);
}
