using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes.Serialization;

/// <summary>
/// Reads a quantity from a JSON string (<c>"512Mi"</c>) or number (<c>2</c>, as <c>kubectl apply</c> inputs often hold)
/// and writes it back in the same form and text.
/// </summary>
public sealed class ResourceQuantityJsonConverter : JsonConverter<ResourceQuantity>
{
    public override ResourceQuantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return reader.TokenType switch
            {
                JsonTokenType.String => ResourceQuantity.Parse(reader.GetString()!),
                JsonTokenType.Number => ResourceQuantity.FromJsonNumber(RawText(ref reader)),
                _ => throw new JsonException($"A Kubernetes quantity must be a JSON string or number, not {reader.TokenType}."),
            };
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options)
    {
        if (value.IsJsonNumber)
        {
            writer.WriteRawValue(value.Text);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }

    internal static string RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
}
