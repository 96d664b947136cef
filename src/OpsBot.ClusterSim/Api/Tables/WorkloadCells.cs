using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Selectors;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>The wide CONTAINERS, IMAGES, SELECTOR cells shared by deployments and replicasets.</summary>
internal static class WorkloadCells
{
    public static JsonNode?[] Wide(JsonObject obj)
    {
        var containers = Cell.Items(obj["spec"]?["template"]?["spec"]?["containers"]).ToList();
        var selector = LabelSelector.FromJson(obj["spec"]?["selector"]).ToString();
        return
        [
            Cell.Join(containers.Select(c => Cell.Str(c["name"]))),
            Cell.Join(containers.Select(c => Cell.Str(c["image"]))),
            Cell.OrNone(selector),
        ];
    }
}
