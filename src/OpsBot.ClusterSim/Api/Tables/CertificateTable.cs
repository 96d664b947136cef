using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary><c>kubectl get certificates</c> (cert-manager's printer columns): NAME, READY, SECRET, AGE (+ ISSUER, STATUS).</summary>
public sealed class CertificateTable : ITableConverter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
        [new("Name", Format: "name"), new("Ready"), new("Secret"), new("Issuer", Priority: 1), new("Status", Priority: 1), new("Age")];

    public IReadOnlyList<JsonNode?> Cells(JsonObject obj, DateTimeOffset now)
    {
        var ready = Cell.Items(obj["status"]?["conditions"]).FirstOrDefault(c => Cell.Str(c["type"]) == "Ready");
        return
        [
            Cell.Name(obj), Cell.Str(ready?["status"]), Cell.Str(obj["spec"]?["secretName"]), Cell.Str(obj["spec"]?["issuerRef"]?["name"]),
            Cell.Str(ready?["message"]), Cell.Age(obj, now),
        ];
    }
}
