using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Manifests;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>Reads a scenario file: a <c>sim.opsbot.io/v1 Scenario</c> header document followed by plain manifests.</summary>
public static class ScenarioParser
{
    public const string ApiVersion = "sim.opsbot.io/v1";

    public static ScenarioDefinition Parse(string text, string? fallbackName = null)
    {
        var documents = YamlToJson.ConvertDocuments(text).OfType<JsonObject>().ToList();
        var header = documents.FirstOrDefault(IsHeader);
        var manifests = documents.Where(d => !IsHeader(d)).ToList();
        if (header is null)
        {
            return new ScenarioDefinition { Name = fallbackName ?? throw new FormatException("no Scenario header document"), Manifests = manifests };
        }

        var name = (string?)header["name"] ?? (string?)header["metadata"]?["name"] ?? fallbackName ?? throw new FormatException("the Scenario header has no name");
        return new ScenarioDefinition
        {
            Name = name,
            Title = (string?)header["title"] ?? name,
            Description = (string?)header["description"] ?? "",
            Extends = (string?)header["extends"],
            Namespace = (string?)header["namespace"] ?? "ecommerce-production",
            Expected = header["expected"] is JsonObject e
                ? new ScenarioExpectation((string?)e["diagnosis"] ?? "", (string?)e["resource"] ?? "", (string?)e["suggestedAction"] ?? "", (string?)e["image"], (string?)e["container"])
                : null,
            Registry = Strings(header["registry"]),
            MissingImages = Strings(header["missingImages"]),
            Setup = Injections(header["setup"]),
            Injections = Injections(header["injections"]),
            Manifests = manifests,
        };
    }

    private static bool IsHeader(JsonObject document) =>
        ObjectMeta.GetString(document, "apiVersion") == ApiVersion && ObjectMeta.GetString(document, "kind") == "Scenario";

    private static string[] Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(n => (string?)n).OfType<string>()];

    private static ScenarioInjection[] Injections(JsonNode? node) =>
        [.. (node as JsonArray ?? []).OfType<JsonObject>().Select(Injection)];

    private static ScenarioInjection Injection(JsonObject i)
    {
        var after = i["after"] is JsonNode a ? DurationText.Parse(a is JsonValue v && v.TryGetValue<string>(out var s) ? s : a.ToJsonString()) : TimeSpan.Zero;
        var action = (string?)i["action"] ?? throw new FormatException("an injection has no action");
        var manifests = i["manifests"] is JsonArray many ? many.OfType<JsonObject>().ToList() : i["manifest"] is JsonObject one ? [one] : [];
        return new ScenarioInjection(
            after,
            action,
            (string?)i["target"],
            (string?)i["namespace"],
            i["patch"] as JsonObject,
            manifests,
            Number(i["requestsPerSecond"]),
            (int?)Number(i["replicas"]),
            (string?)i["description"],
            (string?)i["condition"],
            i["status"] is JsonValue status ? status.ToJsonString().Trim('"') : null);
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && double.TryParse(v.ToJsonString().Trim('"'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
