using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    // https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/ (scale subresource: autoscaling/v1 Scale)
    private async Task HandleScaleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var definition = request.Definition;
        var ns = request.Path.Namespace;
        var name = request.Path.Name!;
        JsonObject result;
        if (request.Verb == "get")
        {
            result = _store.Get(definition.Resource, ns, name);
        }
        else
        {
            var patchType = request.Verb == "patch" ? PatchTypeOf(request) : null;
            var body = await JsonResponses.ReadBodyAsync(request.Context, cancellationToken).ConfigureAwait(false);
            result = _store.Modify(definition.Resource, ns, name, current =>
            {
                var scale = patchType is null ? body as JsonObject ?? throw new ApiException(StatusErrors.BadRequest("a Scale object is required")) : ApplyPatch(patchType, Scale(current), body);
                if (ObjectMeta.Int64(scale["spec"]?["replicas"]) is not { } count || count < 0)
                {
                    throw new ApiException(StatusErrors.Invalid(definition, name, [FieldError.Invalid("spec.replicas", scale["spec"]?["replicas"]?.ToJsonString() ?? "null", "must be greater than or equal to 0")]));
                }

                var updated = current.DeepClone().AsObject();
                if (updated["spec"] is not JsonObject spec)
                {
                    spec = [];
                    updated["spec"] = spec;
                }

                spec["replicas"] = count;
                if (ObjectMeta.ResourceVersion(scale) is { Length: > 0 } rv)
                {
                    ObjectMeta.Metadata(updated)["resourceVersion"] = rv;
                }

                return updated;
            }, request.DryRun);
        }

        await JsonResponses.WriteAsync(request.Context, 200, Scale(result), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The autoscaling/v1 Scale view of a deployment or replicaset.</summary>
    private static JsonObject Scale(JsonObject obj)
    {
        var meta = obj["metadata"];
        var metadata = new JsonObject();
        foreach (var key in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (meta?[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = ObjectMeta.Int64(obj["spec"]?["replicas"]) ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = ObjectMeta.Int64(obj["status"]?["replicas"]) ?? 0,
                ["selector"] = LabelSelector.FromJson(obj["spec"]?["selector"]).ToString(),
            },
        };
    }
}
