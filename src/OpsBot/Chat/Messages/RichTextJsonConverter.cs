using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Chat.Messages;

/// <summary>Writes <see cref="RichText"/> as a JSON array of runs: <c>[{"text":"frontend","style":"bold"}]</c>.</summary>
public sealed class RichTextJsonConverter : JsonConverter<RichText>
{
    public override RichText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        var runs = JsonSerializer.Deserialize(ref reader, ChatMessageJsonContext.Default.TextRunArray)
            ?? throw new JsonException("A rich text is an array of runs.");
        return new RichText(runs);
    }

    public override void Write(Utf8JsonWriter writer, RichText value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, [.. value.Runs], ChatMessageJsonContext.Default.TextRunArray);
}
