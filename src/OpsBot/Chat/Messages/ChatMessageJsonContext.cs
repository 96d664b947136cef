using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>Source-generated JSON for the console API: camelCase, blocks tagged by <c>"type"</c>, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(TextRun[]))]
public sealed partial class ChatMessageJsonContext : JsonSerializerContext;
