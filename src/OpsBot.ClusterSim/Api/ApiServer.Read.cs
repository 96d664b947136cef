using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Tables;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    private async Task HandleGetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var obj = _store.Get(request.Definition.Resource, request.Path.Namespace, request.Path.Name!);
        JsonNode body = request.WantsTable ? BuildTable(request, [obj], _store.ResourceVersion, null, 0)
            : request.WantsMetadataOnly ? PartialMetadata(obj)
            : obj;
        await JsonResponses.WriteAsync(request.Context, 200, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var filter = Filter(request);
        var limit = int.TryParse(request.Query("limit"), out var l) && l > 0 ? l : (int?)null;
        var continueAfter = request.Query("continue") is { Length: > 0 } token ? ContinueToken.Decode(token) : null;
        if (request.WantsTable)
        {
            await WriteTableListAsync(request, filter, limit, continueAfter, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!request.WantsMetadataOnly)
        {
            await WriteListAsync(request, filter, limit, continueAfter, cancellationToken).ConfigureAwait(false);
            return;
        }

        var page = _store.List(request.Definition.Resource, request.Path.Namespace, filter, limit, continueAfter);
        var continueToken = page.ContinueAfter is { } after ? ContinueToken.Encode(page.ResourceVersion, after) : null;
        JsonNode body = new JsonObject
        {
            ["kind"] = "PartialObjectMetadataList",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = ListMetadata(page.ResourceVersion, continueToken, page.RemainingItemCount),
            ["items"] = new JsonArray([.. page.Items.Select(i => (JsonNode)PartialMetadata(i))]),
        };
        await JsonResponses.WriteAsync(request.Context, 200, body, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject PartialMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };

    private static Func<JsonObject, bool>? Filter(ApiRequest request)
    {
        var labels = LabelSelector.Parse(request.Query("labelSelector"));
        var fields = FieldSelector.Parse(request.Query("fieldSelector"));
        if (labels.IsEmpty && fields.Requirements.Count == 0)
        {
            return null;
        }

        return o => labels.Matches(ObjectMeta.Labels(o)) && fields.Matches(o);
    }

    private static JsonObject BuildList(ResourceDefinition definition, IReadOnlyList<JsonObject> items, long resourceVersion, string? continueToken, long remaining)
    {
        var metadata = ListMetadata(resourceVersion, continueToken, remaining);
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return new JsonObject
        {
            ["kind"] = definition.Kind + "List",
            ["apiVersion"] = definition.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = array,
        };
    }

    private static JsonObject ListMetadata(long resourceVersion, string? continueToken, long remaining)
    {
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
            metadata["remainingItemCount"] = remaining;
        }

        return metadata;
    }

    private JsonObject BuildTable(ApiRequest request, IReadOnlyList<JsonObject> items, long resourceVersion, string? continueToken, long remaining, bool includeColumns = true)
    {
        var converter = TableConverters.For(request.Definition);
        var columns = new JsonArray();
        if (includeColumns)
        {
            foreach (var c in converter.Columns)
            {
                columns.Add(new JsonObject
                {
                    ["name"] = c.Name,
                    ["type"] = c.Type,
                    ["format"] = c.Format,
                    ["description"] = c.Description.Length > 0 ? c.Description : c.Name,
                    ["priority"] = c.Priority,
                });
            }
        }

        var include = request.Query("includeObject") ?? "Metadata";
        var rows = new JsonArray();
        var now = Now;
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var cell in converter.Cells(item, now))
            {
                cells.Add(cell?.DeepClone());
            }

            var row = new JsonObject { ["cells"] = cells };
            switch (include)
            {
                case "Object":
                    row["object"] = item.DeepClone();
                    break;
                case "None":
                    break;
                default:
                    row["object"] = PartialMetadata(item);
                    break;
            }

            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = ListMetadata(resourceVersion, continueToken, remaining),
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }
}
