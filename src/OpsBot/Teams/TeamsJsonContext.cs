using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpsBot.Teams;

/// <summary>
/// Source-generated JSON for the Bot Framework shapes: camelCase, nulls left out. Names match exactly: with
/// case-insensitive names, <c>{"a":1,"A":2}</c> inside an activity's <c>value</c> would build a <c>JsonObject</c> that
/// throws when read (two keys that compare equal), and the Bot Framework's own names are camelCase.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BotActivity))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(TeamsReplyAddress))]
[JsonSerializable(typeof(ConfirmationRequest))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
