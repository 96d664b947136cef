using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get pv</c>: NAME, CAPACITY, ACCESS MODES, RECLAIM POLICY, STATUS, CLAIM, STORAGECLASS, VOLUMEATTRIBUTESCLASS, REASON, AGE (+ VOLUMEMODE).</summary>
public sealed class PersistentVolumeTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Capacity"), new("Access Modes"), new("Reclaim Policy"), new("Status"), new("Claim"), new("StorageClass"),
        new("VolumeAttributesClass"), new("Reason"), new("Age"), new("VolumeMode", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var claim = spec?["claimRef"] is JsonObject reference ? $"{Cell.Str(reference["namespace"])}/{Cell.Str(reference["name"])}" : "";
        var phase = obj["metadata"]?["deletionTimestamp"] is not null ? "Terminating" : Cell.Str(obj["status"]?["phase"]);
        var storageClass = Cell.Str(spec?["storageClassName"]) is { Length: > 0 } c ? c : Cell.Str(obj["metadata"]?["annotations"]?["volume.beta.kubernetes.io/storage-class"]);
        return
        [
            Cell.Name(obj), Cell.Quantity(spec?["capacity"]?["storage"]), Cell.AccessModes(spec?["accessModes"]), Cell.Str(spec?["persistentVolumeReclaimPolicy"]),
            phase, claim, storageClass, Cell.Str(spec?["volumeAttributesClassName"], "<unset>"), Cell.Str(obj["status"]?["reason"]), Cell.Age(obj, now),
            Cell.Str(spec?["volumeMode"], "Filesystem"),
        ];
    }
}
