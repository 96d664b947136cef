using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OpsBot.ClusterSim.Serialization;

/// <summary>
/// Converts YAML (one document or many separated by <c>---</c>) to JSON nodes with YAML 1.2 core-schema typing, the
/// way <c>kubectl</c> reads manifests: plain <c>true</c>/<c>false</c> become booleans, plain <c>null</c>, <c>~</c> and
/// empty values become null, plain integers (decimal, <c>0x</c>, <c>0o</c>) and floats become numbers; quoted scalars,
/// block literals and every other plain scalar (<c>yes</c>, <c>on</c>, <c>2024-01-01T00:00:00Z</c>, <c>25%</c>) stay
/// strings. Explicit tags (<c>!!str</c>, <c>!!int</c>, …) win over the plain-scalar rules. Anchors and aliases are
/// expanded. https://yaml.org/spec/1.2.2/#1023-core-schema
/// </summary>
public static partial class YamlToJson
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string IntTag = "tag:yaml.org,2002:int";
    private const string FloatTag = "tag:yaml.org,2002:float";
    private const string BoolTag = "tag:yaml.org,2002:bool";
    private const string NullTag = "tag:yaml.org,2002:null";

    /// <summary>Converts a single-document YAML text; null for an empty document.</summary>
    /// <exception cref="FormatException">The YAML is malformed or holds more than one document.</exception>
    public static JsonNode? Convert(string yaml)
    {
        var documents = ConvertAll(yaml);
        return documents.Count switch
        {
            0 => null,
            1 => documents[0],
            _ => throw new FormatException($"Expected one YAML document, found {documents.Count}; use {nameof(ConvertDocuments)} for multi-document input."),
        };
    }

    /// <summary>Converts every document of a YAML stream, skipping empty ones (as <c>kubectl apply -f</c> does).</summary>
    /// <exception cref="FormatException">The YAML is malformed.</exception>
    public static IReadOnlyList<JsonNode> ConvertDocuments(string yaml) =>
        [.. ConvertAll(yaml).Where(document => document is not null).Select(document => document!)];

    private static List<JsonNode?> ConvertAll(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var documents = new List<JsonNode?>();
        try
        {
            using var reader = new StringReader(yaml);
            var parser = new Parser(reader);
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                documents.Add(ReadNode(parser, anchors));
                parser.Consume<DocumentEnd>();
            }

            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            throw new FormatException($"Invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<string, JsonNode?> anchors)
    {
        var current = parser.Current ?? throw new FormatException("Unexpected end of YAML.");
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target?.DeepClone()
                    : throw new FormatException($"Unknown YAML alias *{alias.Value.Value} at line {alias.Start.Line}.");

            case Scalar scalar:
                parser.MoveNext();
                return Remember(scalar, ConvertScalar(scalar), anchors);

            case SequenceStart sequenceStart:
            {
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(parser, anchors));
                }

                return Remember(sequenceStart, array, anchors);
            }

            case MappingStart mappingStart:
            {
                parser.MoveNext();
                var obj = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current;
                    if (keyEvent is not Scalar key)
                    {
                        throw new FormatException($"Only scalar mapping keys can become JSON, at line {keyEvent?.Start.Line}.");
                    }

                    parser.MoveNext();
                    var value = ReadNode(parser, anchors);
                    if (!obj.TryAdd(key.Value, value))
                    {
                        throw new FormatException($"Duplicate mapping key '{key.Value}' at line {key.Start.Line}.");
                    }
                }

                return Remember(mappingStart, obj, anchors);
            }

            default:
                throw new FormatException($"Unexpected YAML event {current.GetType().Name} at line {current.Start.Line}.");
        }
    }

    private static JsonNode? Remember(NodeEvent nodeEvent, JsonNode? node, Dictionary<string, JsonNode?> anchors)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            anchors[nodeEvent.Anchor.Value] = node;
        }

        return node;
    }

    private static JsonNode? ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        return tag switch
        {
            StrTag => JsonValue.Create(text),
            NullTag => null,
            BoolTag => TryBool(text, out var b) ? JsonValue.Create(b) : throw BadTagged(scalar, "bool"),
            IntTag => TryInteger(text) ?? throw BadTagged(scalar, "int"),
            FloatTag => TryInteger(text) ?? TryFloat(text) ?? throw BadTagged(scalar, "float"),

            // Quoted, literal and folded scalars, and plain ones with the non-specific "!" or a custom tag, are strings.
            _ when tag is not null || scalar.Style != ScalarStyle.Plain => JsonValue.Create(text),
            _ => ResolvePlain(text),
        };
    }

    private static JsonNode? ResolvePlain(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (TryBool(text, out var b))
        {
            return JsonValue.Create(b);
        }

        return TryInteger(text) ?? TryFloat(text) ?? JsonValue.Create(text);
    }

    private static bool TryBool(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static JsonNode? TryInteger(string text)
    {
        if (DecimalInteger().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return JsonValue.Create(l);
            }

            return decimal.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0)
        {
            return JsonValue.Create(hex);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && OctalDigits().IsMatch(text.AsSpan(2)))
        {
            try
            {
                return JsonValue.Create(System.Convert.ToInt64(text[2..], 8));
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return null;
    }

    private static JsonNode? TryFloat(string text)
    {
        // .inf and .nan have no JSON form: they stay strings.
        if (!Float().IsMatch(text))
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? JsonValue.Create(x) : null;
    }

    private static FormatException BadTagged(Scalar scalar, string type) =>
        new($"The YAML scalar '{scalar.Value}' at line {scalar.Start.Line} is tagged !!{type} but is not one.");

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^[0-7]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
