using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Validation;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    private async Task HandleCreateAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Path.Name is not null)
        {
            throw new ApiException(StatusErrors.MethodNotAllowed());
        }

        var obj = await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        RequireNamespace(request);
        if (ObjectMeta.Name(obj).Length == 0 && ObjectMeta.GetString(obj["metadata"], "generateName") is { Length: > 0 } prefix)
        {
            var probe = obj.DeepClone().AsObject();
            ObjectMeta.Metadata(probe)["name"] = prefix + "abcde";
            ObjectValidator.Validate(request.Definition, probe);
        }
        else
        {
            ObjectValidator.Validate(request.Definition, obj);
        }

        var created = _store.Create(request.Definition.Resource, obj, request.DryRun);
        await JsonResponses.WriteAsync(request.Context, 201, created, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleUpdateAsync(ApiRequest request, bool statusOnly, CancellationToken cancellationToken)
    {
        var obj = await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        var name = request.Path.Name!;
        if (ObjectMeta.Name(obj) is { Length: > 0 } bodyName && bodyName != name)
        {
            throw new ApiException(StatusErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})"));
        }

        ObjectMeta.Metadata(obj)["name"] = name;
        var definition = request.Definition;
        var updated = _store.Modify(definition.Resource, request.Path.Namespace, name, current =>
        {
            var result = statusOnly ? WithStatusOf(current, obj) : KeepStatus(definition, current, obj);
            if (statusOnly && ObjectMeta.ResourceVersion(obj) is { Length: > 0 } rv)
            {
                ObjectMeta.Metadata(result)["resourceVersion"] = rv;
            }

            ObjectValidator.Validate(definition, result);
            return result;
        }, request.DryRun);
        await JsonResponses.WriteAsync(request.Context, 200, updated, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleDeleteAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        string? expectedUid = null;
        var dryRun = request.DryRun;
        if (request.Definition.Resource == SimResources.Namespaces && request.Path.Name is "default" or "kube-system" or "kube-public")
        {
            throw new ApiException(StatusErrors.Status(
                403,
                "Forbidden",
                $"namespaces \"{request.Path.Name}\" is forbidden: this namespace may not be deleted",
                StatusErrors.Details(request.Definition.Resource, request.Path.Name)));
        }

        if (request.Context.Request.ContentLength is > 0 || request.Context.Request.Headers.TransferEncoding.Count > 0)
        {
            var options = await JsonResponses.ReadBodyAsync(request.Context, cancellationToken).ConfigureAwait(false);
            expectedUid = options["preconditions"]?["uid"]?.GetValue<string>();
            dryRun |= options["dryRun"] is JsonArray a && a.Any(x => x?.GetValue<string>() == "All");
        }

        var deleted = _store.Delete(request.Definition.Resource, request.Path.Namespace, request.Path.Name!, dryRun, expectedUid);
        if (!dryRun && request.Definition.Kind == "Pod")
        {
            _logs.RemovePod(request.Path.Namespace ?? "", request.Path.Name!);
        }

        // A dry run answers as the real deletion would: the object when finalizers keep it, a Success Status otherwise.
        var stillThere = dryRun
            ? ObjectMeta.Finalizers(deleted).Count > 0
            : _store.TryGet(request.Definition.Resource, request.Path.Namespace, request.Path.Name!) is not null;
        JsonNode body = request.Definition.Kind == "Pod" || stillThere
            ? deleted
            : SuccessStatus(request.Definition, request.Path.Name!, ObjectMeta.Uid(deleted));
        await JsonResponses.WriteAsync(request.Context, 200, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleDeleteCollectionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var page = _store.List(request.Definition.Resource, request.Path.Namespace, Filter(request));
        var deleted = new List<JsonObject>();
        foreach (var item in page.Items)
        {
            try
            {
                deleted.Add(_store.Delete(request.Definition.Resource, ObjectMeta.Namespace(item), ObjectMeta.Name(item), request.DryRun));
            }
            catch (StoreException e) when (e.Kind == StoreErrorKind.NotFound)
            {
                // Gone already (cascade).
            }
        }

        await JsonResponses.WriteAsync(request.Context, 200, BuildList(request.Definition, deleted, _store.ResourceVersion, null, 0), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the body as an object of the request's kind, filling kind/apiVersion and the path's namespace.</summary>
    private static async Task<JsonObject> ReadObjectAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonResponses.ReadBodyAsync(request.Context, cancellationToken).ConfigureAwait(false);
        var definition = request.Definition;
        if (body is not JsonObject obj)
        {
            throw new ApiException(StatusErrors.BadRequest($"the object provided is unrecognized (must be of type {definition.Kind}): couldn't get version/kind; json parse error: expected an object"));
        }

        if (ObjectMeta.GetString(obj, "kind") is { Length: > 0 } kind && kind != definition.Kind && request.Path.Subresource is null)
        {
            throw new ApiException(StatusErrors.BadRequest($"the object provided is unrecognized (must be of type {definition.Kind}): kind {kind} does not match"));
        }

        obj["kind"] ??= definition.Kind;
        obj["apiVersion"] ??= definition.ApiVersion;
        var meta = ObjectMeta.Metadata(obj);
        if (definition.Namespaced && request.Path.Namespace is { } ns)
        {
            if (ObjectMeta.Namespace(obj) is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
            {
                throw new ApiException(StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request"));
            }

            meta["namespace"] = ns;
        }
        else if (!definition.Namespaced)
        {
            meta.Remove("namespace");
        }

        return obj;
    }

    /// <summary>The main endpoint of a kind with a status subresource ignores status changes.</summary>
    private static JsonObject KeepStatus(ResourceDefinition definition, JsonObject current, JsonObject updated)
    {
        var result = updated.DeepClone().AsObject();
        if (definition.HasStatus)
        {
            if (current["status"] is { } status)
            {
                result["status"] = status.DeepClone();
            }
            else
            {
                result.Remove("status");
            }
        }

        return result;
    }

    /// <summary>The status endpoint changes only <c>.status</c>.</summary>
    private static JsonObject WithStatusOf(JsonObject current, JsonObject updated)
    {
        var result = current.DeepClone().AsObject();
        if (updated["status"] is { } status)
        {
            result["status"] = status.DeepClone();
        }
        else
        {
            result.Remove("status");
        }

        return result;
    }
}
