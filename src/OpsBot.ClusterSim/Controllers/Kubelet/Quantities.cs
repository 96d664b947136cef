using System.Text.Json.Nodes;
using OpsBot.Kubernetes.Models;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>Reads Kubernetes quantities (<c>512Mi</c>, <c>250m</c>, <c>2</c>) from strings or JSON values.</summary>
public static class Quantities
{
    public static long? Bytes(string? text) =>
        ResourceQuantity.TryParse(text, out var q) ? q.ToBytes() : null;

    public static long? Millicores(string? text) =>
        ResourceQuantity.TryParse(text, out var q) ? decimal.ToInt64(decimal.Ceiling(q.ToDecimal() * 1000m)) : null;

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    /// <summary>A container's <c>resources.{section}.{name}</c> (section is requests or limits).</summary>
    public static string? Resource(JsonObject container, string section, string name) =>
        Text(container["resources"]?[section]?[name]);
}
