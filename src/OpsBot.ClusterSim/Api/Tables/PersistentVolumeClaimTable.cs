using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get pvc</c>: NAME, STATUS, VOLUME, CAPACITY, ACCESS MODES, STORAGECLASS, VOLUMEATTRIBUTESCLASS, AGE (+ VOLUMEMODE).</summary>
public sealed class PersistentVolumeClaimTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Status"), new("Volume"), new("Capacity"), new("Access Modes"), new("StorageClass"),
        new("VolumeAttributesClass"), new("Age"), new("VolumeMode", Priority: 1),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var phase = obj["metadata"]?["deletionTimestamp"] is not null ? "Terminating" : Cell.Str(status?["phase"]);
        var volume = Cell.Str(spec?["volumeName"]);
        var capacity = volume.Length > 0 ? Cell.Quantity(status?["capacity"]?["storage"]) : "";
        var modes = volume.Length > 0 ? Cell.AccessModes(status?["accessModes"]) : "";
        var storageClass = Cell.Str(spec?["storageClassName"]) is { Length: > 0 } c ? c : Cell.Str(obj["metadata"]?["annotations"]?["volume.beta.kubernetes.io/storage-class"]);
        return
        [
            Cell.Name(obj), phase, volume, capacity, modes, storageClass, Cell.Str(spec?["volumeAttributesClassName"], "<unset>"), Cell.Age(obj, now),
            Cell.Str(spec?["volumeMode"], "Filesystem"),
        ];
    }
}
