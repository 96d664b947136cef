using OpsBot.ClusterSim.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    private async Task HandleMetricsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var definition = request.Definition;
        var isPods = definition.Kind == "PodMetrics";
        var items = isPods
            ? _metrics.GetPodMetrics(request.Path.Namespace).Select(PodMetrics).ToList()
            : [.. _metrics.GetNodeMetrics().Select(NodeMetrics)];
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"));
        items = [.. items.Where(i => labels.Matches(ObjectMeta.Labels(i)) && fields.Matches(i) && (request.Path.Name is null || ObjectMeta.Name(i) == request.Path.Name))];
        JsonNode body;
        if (request.Path.Name is { } name)
        {
            var item = items.FirstOrDefault() ?? throw new ApiException(StatusErrors.NotFound(definition.Resource with { Resource = isPods ? "podmetrics" : "nodemetrics" }, name));
            body = request.WantsTable ? BuildTable(request, [item], _store.ResourceVersion, null, 0) : item;
        }
        else
        {
            body = request.WantsTable ? BuildTable(request, items, _store.ResourceVersion, null, 0) : BuildList(definition, items, _store.ResourceVersion, null, 0);
        }

        await JsonResponses.WriteAsync(request.Context, 200, body, cancellationToken).ConfigureAwait(false);
    }

    private JsonObject PodMetrics(PodMetricsSample sample)
    {
        var containers = new JsonArray();
        foreach (var c in sample.Containers)
        {
            containers.Add(new JsonObject { ["name"] = c.Name, ["usage"] = Usage(c.CpuMillicores, c.MemoryBytes) });
        }

        var pod = _store.TryGet(SimResources.Pods, sample.Namespace, sample.Name);
        return new JsonObject
        {
            ["kind"] = "PodMetrics",
            ["apiVersion"] = "metrics.k8s.io/v1beta1",
            ["metadata"] = MetricsMetadata(sample.Name, sample.Namespace, sample.Timestamp, pod),
            ["timestamp"] = KubernetesTime.Format(sample.Timestamp),
            ["window"] = $"{(long)sample.Window.TotalSeconds}s",
            ["containers"] = containers,
        };
    }

    private JsonObject NodeMetrics(NodeMetricsSample sample)
    {
        var node = _store.TryGet(new GroupVersionResource("", "v1", "nodes"), null, sample.Name);
        return new JsonObject
        {
            ["kind"] = "NodeMetrics",
            ["apiVersion"] = "metrics.k8s.io/v1beta1",
            ["metadata"] = MetricsMetadata(sample.Name, null, sample.Timestamp, node),
            ["timestamp"] = KubernetesTime.Format(sample.Timestamp),
            ["window"] = $"{(long)sample.Window.TotalSeconds}s",
            ["usage"] = Usage(sample.CpuMillicores, sample.MemoryBytes),
        };
    }

    private static JsonObject MetricsMetadata(string name, string? ns, DateTimeOffset timestamp, JsonObject? source)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        metadata["creationTimestamp"] = KubernetesTime.Format(timestamp);
        if (source?["metadata"]?["labels"] is { } labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        return metadata;
    }

    private static JsonObject Usage(long cpuMillicores, long memoryBytes) => new()
    {
        ["cpu"] = $"{cpuMillicores * 1_000_000}n",
        ["memory"] = $"{memoryBytes / 1024}Ki",
    };

}
