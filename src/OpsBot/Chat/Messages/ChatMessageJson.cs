using System.Text.Json;

namespace OpsBot.Chat.Messages;

/// <summary>Reads and writes <see cref="ChatMessage"/> JSON (the console API's <c>"message"</c>).</summary>
public static class ChatMessageJson
{
    public static string Serialize(ChatMessage message) => JsonSerializer.Serialize(message, ChatMessageJsonContext.Default.ChatMessage);

    public static ChatMessage Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ChatMessageJsonContext.Default.ChatMessage) ?? throw new JsonException("null is not a chat message.");
}
