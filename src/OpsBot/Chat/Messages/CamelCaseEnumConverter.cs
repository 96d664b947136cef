using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>Writes the model's enums as camelCase strings (<c>"primary"</c>, <c>"bold"</c>) for the console API.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
