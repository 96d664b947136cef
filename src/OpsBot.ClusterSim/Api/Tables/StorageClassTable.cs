using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get storageclasses</c>: NAME (" (default)" for the default class), PROVISIONER, RECLAIMPOLICY, VOLUMEBINDINGMODE, ALLOWVOLUMEEXPANSION, AGE.</summary>
public sealed class StorageClassTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name"), new("Provisioner"), new("ReclaimPolicy"), new("VolumeBindingMode"), new("AllowVolumeExpansion"), new("Age"),
    ];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var annotations = obj["metadata"]?["annotations"];
        var isDefault = Cell.Str(annotations?["storageclass.kubernetes.io/is-default-class"]) == "true" || Cell.Str(annotations?["storageclass.beta.kubernetes.io/is-default-class"]) == "true";
        return
        [
            Cell.Name(obj) + (isDefault ? " (default)" : ""), Cell.Str(obj["provisioner"]), Cell.Str(obj["reclaimPolicy"], "Delete"),
            Cell.Str(obj["volumeBindingMode"], "Immediate"), Cell.Bool(obj["allowVolumeExpansion"]), Cell.Age(obj, now),
        ];
    }
}
