using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.ClusterSim.Serialization;
using OpsBot.Kubernetes.Serialization;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests;

/// <summary>Reads the shared Kubernetes fixtures (YAML or JSON) in place as JSON trees or typed models.</summary>
internal static partial class K8sFixtures
{
    /// <summary>
    /// The fixed "now" that replaces flanksource/is-healthy's time placeholders (<c>"@now-5m"</c>). Its own test harness
    /// substitutes them the same way before parsing; the placeholders are not timestamps Kubernetes could ever return.
    /// </summary>
    public static readonly DateTimeOffset PlaceholderNow = new(2024, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every fixture file name under <c>k8s/</c> (YAML and JSON).</summary>
    public static TheoryData<string> AllFileNames()
    {
        var names = SharedFixtures.Files("k8s", ".yaml").Concat(SharedFixtures.Files("k8s", ".json")).Select(path => Path.GetFileName(path)).ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException($"No Kubernetes fixtures under {SharedFixtures.Directory}/k8s.");
        }

        return [.. names];
    }

    /// <summary>The fixture as a JSON tree (YAML converted with <see cref="YamlToJson"/>, time placeholders replaced).</summary>
    public static JsonNode Load(string fileName)
    {
        var text = SharedFixtures.ReadText("k8s", fileName);
        var node = fileName.EndsWith(".json", StringComparison.Ordinal)
            ? JsonNode.Parse(text)!
            : YamlToJson.Convert(text) ?? throw new InvalidOperationException($"{fileName} is empty.");
        ReplaceTimePlaceholders(node);
        return node;
    }

    /// <summary>The fixture deserialized as <typeparamref name="T"/>.</summary>
    public static T Read<T>(string fileName) => KubernetesJson.Deserialize<T>(Load(fileName).ToJsonString());

    private static void ReplaceTimePlaceholders(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && Placeholder(s) is { } time)
                    {
                        obj[key] = time;
                    }
                    else if (value is not null)
                    {
                        ReplaceTimePlaceholders(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.Where(item => item is not null))
                {
                    ReplaceTimePlaceholders(item!);
                }

                break;
        }
    }

    private static string? Placeholder(string text)
    {
        var match = NowPlaceholder().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var offset = TimeSpan.Zero;
        if (match.Groups[1].Success)
        {
            var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            offset = match.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }

        return (PlaceholderNow - offset).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^@now(?:-([0-9]+)([smhd]))?$")]
    private static partial Regex NowPlaceholder();
}
