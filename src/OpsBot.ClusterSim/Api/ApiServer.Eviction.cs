using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Protobuf;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    /// <summary>
    /// <c>POST pods/NAME/eviction</c> with a <c>policy/v1 Eviction</c> (JSON, or protobuf as kubectl 1.32's drain sends
    /// it): the pod is deleted as <c>kubectl delete</c> would, gracefully (its grace period, or the eviction's
    /// <c>deleteOptions.gracePeriodSeconds</c>; at once when unscheduled or finished) — unless its PodDisruptionBudget
    /// allows no disruption: 429 "Cannot evict pod as it would violate the pod's disruption budget." (which kubectl drain
    /// retries). Answers 201 with a Success Status.
    /// </summary>
    // https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
    private async Task HandleEvictionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var eviction = await ReadEvictionAsync(request, cancellationToken).ConfigureAwait(false);
        var name = request.Path.Name!;
        var ns = request.Path.Namespace;
        if (ObjectMeta.Name(eviction) != name)
        {
            throw new ApiException(StatusErrors.BadRequest("name in URL does not match name in Eviction object"));
        }

        if (ObjectMeta.Namespace(eviction) is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
        {
            throw new ApiException(StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request"));
        }

        var pod = _store.Get(SimResources.Pods, ns, name);
        var options = eviction["deleteOptions"] as JsonObject;
        if ((string?)options?["preconditions"]?["uid"] is { Length: > 0 } uid && uid != ObjectMeta.Uid(pod))
        {
            throw new ApiException(StatusErrors.Conflict(
                SimResources.Pods,
                name,
                $"Operation cannot be fulfilled on pods \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(pod)}"));
        }

        var dryRun = request.DryRun || (options?["dryRun"] is JsonArray dry && dry.Any(x => (string?)x == "All"));
        if (!dryRun && pod["metadata"]?["deletionTimestamp"] is null)
        {
            CheckDisruptionBudget(pod);
            var grace = ObjectMeta.Int64(options?["gracePeriodSeconds"]) ?? ObjectMeta.Int64(pod["spec"]?["terminationGracePeriodSeconds"]) ?? 30;
            var finished = (string?)pod["status"]?["phase"] is "Succeeded" or "Failed";
            if (grace <= 0 || finished || (string?)pod["spec"]?["nodeName"] is not { Length: > 0 })
            {
                _store.Delete(SimResources.Pods, ns, name);
                _logs.RemovePod(ns ?? "", name);
            }
            else
            {
                _store.MarkForDeletion(SimResources.Pods, ns, name, grace);
            }
        }

        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201 };
        await JsonResponses.WriteAsync(request.Context, 201, status, cancellationToken).ConfigureAwait(false);
    }

    private void CheckDisruptionBudget(JsonObject pod)
    {
        string? violation;
        try
        {
            violation = Controllers.Disruption.DisruptionController.CheckEviction(_store, pod, Now);
        }
        catch (InvalidOperationException e)
        {
            throw new ApiException(StatusErrors.InternalError(e.Message));
        }

        if (violation is not null)
        {
            throw new ApiException(StatusErrors.Status(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
                new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = violation }) }));
        }
    }

    private static async Task<JsonObject> ReadEvictionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var http = request.Context.Request;
        if (http.ContentType is { } contentType && contentType.StartsWith(KubernetesProtobuf.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            try
            {
                return KubernetesProtobuf.ReadEviction(buffer.ToArray());
            }
            catch (FormatException e)
            {
                throw new ApiException(StatusErrors.BadRequest($"the body of the request could not be decoded as an Eviction: {e.Message}"));
            }
        }

        var body = await JsonResponses.ReadBodyAsync(request.Context, cancellationToken).ConfigureAwait(false);
        return body is JsonObject { } obj && (string?)obj["kind"] is "Eviction" or null
            ? obj
            : throw new ApiException(StatusErrors.BadRequest("the body of the request must be a policy/v1 Eviction"));
    }
}
