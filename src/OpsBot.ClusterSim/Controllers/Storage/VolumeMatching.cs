using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Storage;

/// <summary>
/// findBestMatchForClaim: an Available volume (or one pre-bound to the claim) of the claim's class, volume mode and
/// label selector, offering every access mode it asks for and at least the storage it requests — the smallest such.
/// </summary>
internal static class VolumeMatching
{
    public static JsonObject? BestMatch(JsonObject claim, IEnumerable<JsonObject> volumes)
    {
        var spec = claim["spec"];
        var className = JsonFields.Str(spec, "storageClassName") ?? "";
        var modes = Strings(spec?["accessModes"]);
        var request = Quantities.Bytes(Quantities.Text(spec?["resources"]?["requests"]?["storage"])) ?? 0;
        var mode = JsonFields.Str(spec, "volumeMode") ?? "Filesystem";
        var selector = spec?["selector"] is JsonObject s ? LabelSelector.FromJson(s) : null;
        return volumes
            .Where(v => IsAvailableFor(v, claim))
            .Where(v => (JsonFields.Str(v["spec"], "storageClassName") ?? "") == className)
            .Where(v => (JsonFields.Str(v["spec"], "volumeMode") ?? "Filesystem") == mode)
            .Where(v => modes.All(Strings(v["spec"]?["accessModes"]).Contains))
            .Where(v => Capacity(v) >= request)
            .Where(v => selector is null || selector.Matches(ObjectMeta.Labels(v)))
            .OrderByDescending(v => v["spec"]?["claimRef"] is not null) // a volume pre-bound to this claim wins
            .ThenBy(Capacity)
            .ThenBy(ObjectMeta.Name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    public static long Capacity(JsonObject volume) =>
        Quantities.Bytes(Quantities.Text(volume["spec"]?["capacity"]?["storage"])) ?? 0;

    /// <summary>Whether the volume's claimRef names this claim (by uid when it has one).</summary>
    public static bool IsClaimedBy(JsonObject volume, JsonObject claim)
    {
        var reference = volume["spec"]?["claimRef"];
        if (reference is null || JsonFields.Str(reference, "name") != ObjectMeta.Name(claim) || JsonFields.Str(reference, "namespace") != ObjectMeta.Namespace(claim))
        {
            return false;
        }

        var uid = JsonFields.Str(reference, "uid");
        return string.IsNullOrEmpty(uid) || uid == ObjectMeta.Uid(claim);
    }

    private static bool IsAvailableFor(JsonObject volume, JsonObject claim)
    {
        if (Owners.IsTerminating(volume) || JsonFields.Str(volume["status"], "phase") is "Released" or "Failed")
        {
            return false;
        }

        return volume["spec"]?["claimRef"] is null || IsClaimedBy(volume, claim);
    }

    private static List<string> Strings(JsonNode? node) => [.. (node as JsonArray ?? []).Select(n => (string?)n).OfType<string>()];
}
