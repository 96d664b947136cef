using System.Text.Json;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes.Serialization;

/// <summary>Reads an <see cref="IntOrString"/> from a JSON number or string and writes it back in the same form.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var number) => IntOrString.FromInt32(number),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            _ => throw new JsonException($"An int-or-string must be a 32-bit integer or a string, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IsInt)
        {
            writer.WriteNumberValue(value.IntValue);
        }
        else
        {
            writer.WriteStringValue(value.StringValue);
        }
    }
}
