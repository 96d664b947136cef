using System.Text.Json.Nodes;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Web;

/// <summary>The console API's answer: plain text, the ChatMessage (with its buttons), its HTML and any report.</summary>
internal static class ConsoleReply
{
    private static readonly PlainTextRenderer PlainText = new();
    private static readonly HtmlRenderer Html = new();

    public static JsonObject From(ChatReply reply) => new()
    {
        ["text"] = PlainText.Render(reply.Message),
        ["message"] = JsonNode.Parse(ChatMessageJson.Serialize(reply.Message)),
        ["html"] = Html.Render(reply.Message),
        ["ephemeral"] = reply.Ephemeral,
        ["report"] = reply.Report?.DeepClone(),
    };

    public static IResult BadRequest(string error) => Results.Json(new JsonObject { ["error"] = error }, statusCode: StatusCodes.Status400BadRequest);
}
