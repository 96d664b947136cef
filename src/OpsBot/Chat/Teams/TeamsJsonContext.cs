using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpsBot.Chat.Teams;

/// <summary>Source-generated JSON for the Bot Framework shapes: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(BotActivity))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ConfirmationRequest))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
