using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    // https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
    // POST pods/{name}/eviction with a policy/v1 Eviction: a graceful delete (no PodDisruptionBudgets in the simulator,
    // so it is never refused with 429). A pod not bound to a node goes at once, as the real API server does.
    private async Task HandleEvictionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var ns = request.Path.Namespace ?? "";
        var name = request.Path.Name!;
        var body = await JsonResponses.ReadBodyAsync(request.Context, cancellationToken).ConfigureAwait(false);
        if (body is not JsonObject eviction || (ObjectMeta.GetString(eviction, "kind") is { Length: > 0 } kind && kind != "Eviction"))
        {
            throw new ApiException(StatusErrors.BadRequest("the object provided is unrecognized (must be of type Eviction)"));
        }

        if (ObjectMeta.Name(eviction) is { Length: > 0 } bodyName && bodyName != name)
        {
            throw new ApiException(StatusErrors.BadRequest($"name in URL does not match name in Eviction object"));
        }

        var pod = _store.Get(SimResources.Pods, ns, name);
        if (!request.DryRun)
        {
            var grace = ObjectMeta.Int64(eviction["deleteOptions"]?["gracePeriodSeconds"])
                ?? ObjectMeta.Int64(pod["spec"]?["terminationGracePeriodSeconds"])
                ?? 30;
            if (ObjectMeta.GetString(pod["spec"], "nodeName") is null || grace <= 0)
            {
                _store.Delete(SimResources.Pods, ns, name);
                _logs.RemovePod(ns, name);
            }
            else
            {
                _store.MarkForDeletion(SimResources.Pods, ns, name, grace);
            }
        }

        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201,
        };
        await JsonResponses.WriteAsync(request.Context, 201, status, cancellationToken).ConfigureAwait(false);
    }
}
