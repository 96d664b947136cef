using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpsBot.ClusterSim.Manifests;

/// <summary>
/// YAML to JSON with the YAML 1.2 core schema: plain scalars <c>true</c>/<c>false</c>, <c>null</c>/<c>~</c>/empty,
/// integers (decimal, 0o, 0x) and floats are typed; quoted scalars (and <c>!!str</c>) stay strings.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Every non-empty document of a multi-document YAML (or JSON) text.</summary>
    public static IReadOnlyList<JsonNode> ParseDocuments(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"invalid YAML: {e.Message}", e);
        }

        var documents = new List<JsonNode>();
        foreach (var document in stream.Documents)
        {
            if (Convert(document.RootNode) is { } node)
            {
                documents.Add(node);
            }
        }

        return documents;
    }

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new FormatException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode k ? k.Value ?? "" : throw new FormatException("only scalar mapping keys are supported");
            obj[name] = Convert(value);
        }

        return obj;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (scalar.Style != ScalarStyle.Plain && tag.Length == 0))
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (value.StartsWith("0o", StringComparison.Ordinal) && value.Length > 2 && value[2..].All(c => c is >= '0' and <= '7'))
        {
            return JsonValue.Create(System.Convert.ToInt64(value[2..], 8));
        }

        if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
