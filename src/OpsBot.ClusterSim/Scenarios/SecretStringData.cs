using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>What the API server does with a Secret's write-only <c>stringData</c>: merges it into <c>data</c>, base64-encoded.</summary>
public static class SecretStringData
{
    public static void Fold(JsonObject obj)
    {
        if (ObjectMeta.GetString(obj, "kind") != "Secret" || obj["stringData"] is not JsonObject strings)
        {
            return;
        }

        var data = obj["data"] as JsonObject ?? [];
        foreach (var (key, value) in strings)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)value ?? ""));
        }

        obj["data"] = data;
        obj.Remove("stringData");
    }
}
