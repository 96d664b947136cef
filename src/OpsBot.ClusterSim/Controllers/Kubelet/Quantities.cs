using System.Text.Json.Nodes;
using k8s.Models;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>Reads and writes Kubernetes quantities (<c>512Mi</c>, <c>250m</c>, <c>2</c>) on the official <see cref="ResourceQuantity"/>.</summary>
public static class Quantities
{
    public static long? Bytes(string? text) =>
        TryParse(text, out var value) ? decimal.ToInt64(decimal.Ceiling(value)) : null;

    public static long? Millicores(string? text) =>
        TryParse(text, out var value) ? decimal.ToInt64(decimal.Ceiling(value * 1000m)) : null;

    /// <summary>The quantity's value (bytes, cores); false for empty or malformed text.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            value = new ResourceQuantity(text).ToDecimal();
            return true;
        }
        catch (Exception error) when (error is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary><c>1536Mi</c>, or the plain number when no binary suffix divides it.</summary>
    public static string FromBytes(long bytes) =>
        new ResourceQuantity(bytes, 0, ResourceQuantity.SuffixFormat.BinarySI).CanonicalizeString();

    /// <summary><c>250m</c>, or whole cores (<c>2</c>).</summary>
    public static string FromMillicores(long millicores) =>
        new ResourceQuantity(millicores / 1000m, 0, ResourceQuantity.SuffixFormat.DecimalSI).CanonicalizeString();

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
