using System.Text.Json;

namespace OpsBot.Chat;

/// <summary>
/// Parses an inbound JSON body (Slack payloads and Socket Mode frames, Teams activities, console API calls) so that
/// what follows cannot trip on it: a body that is not JSON, is not an object, or repeats a property name anywhere is
/// refused here with the reason. Repeated names are refused rather than resolved because <c>JsonObject</c> throws on
/// them only when first read, deep inside a handler, and because two parsers can disagree on which copy wins.
/// Read the result with <see cref="JsonFields"/>, which checks each value's kind.
/// </summary>
public static class InboundJson
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>The body's root object, detached from the parser's buffers; <see langword="null"/> and the reason when it is unusable.</summary>
    public static JsonElement? ParseObject(ReadOnlyMemory<byte> json, out string? refusal)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Strict);
            return Root(document, out refusal);
        }
        catch (JsonException error)
        {
            refusal = Describe(error);
            return null;
        }
    }

    /// <inheritdoc cref="ParseObject(ReadOnlyMemory{byte}, out string?)"/>
    public static JsonElement? ParseObject(string json, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, Strict);
            return Root(document, out refusal);
        }
        catch (JsonException error)
        {
            refusal = Describe(error);
            return null;
        }
        catch (ArgumentException)
        {
            // Text with a lone UTF-16 surrogate cannot be transcoded to UTF-8 for the parser.
            refusal = "the body is not valid text (a lone UTF-16 surrogate)";
            return null;
        }
    }

    private static JsonElement? Root(JsonDocument document, out string? refusal)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            refusal = $"the body must be a JSON object, not {JsonFields.KindName(document.RootElement.ValueKind)}";
            return null;
        }

        refusal = null;
        return document.RootElement.Clone();
    }

    // System.Text.Json's messages name the problem and its position, never more of the body than a property name.
    private static string Describe(JsonException error) =>
        "the body is not valid JSON: " + LogText.Sanitize(error.Message);
}
