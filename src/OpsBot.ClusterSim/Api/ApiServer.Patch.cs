using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Patching;
using OpsBot.ClusterSim.Api.Validation;

namespace OpsBot.ClusterSim.Api;

public sealed partial class ApiServer
{
    private async Task HandlePatchAsync(ApiRequest request, bool statusOnly, CancellationToken cancellationToken)
    {
        var patchType = PatchTypeOf(request);
        var patch = await JsonResponses.ReadBodyAsync(request.Context, cancellationToken).ConfigureAwait(false);
        var definition = request.Definition;
        var updated = _store.Modify(definition.Resource, request.Path.Namespace, request.Path.Name!, current =>
        {
            var patched = ApplyPatch(patchType, current, patch);
            var result = statusOnly ? WithStatusOf(current, patched) : KeepStatus(definition, current, patched);
            if (statusOnly && patched["metadata"]?["resourceVersion"] is { } rv)
            {
                result["metadata"]!["resourceVersion"] = rv.DeepClone();
            }

            ObjectValidator.Validate(definition, result);
            return result;
        }, request.DryRun);
        await JsonResponses.WriteAsync(request.Context, 200, updated, cancellationToken).ConfigureAwait(false);
    }

    private static string PatchTypeOf(ApiRequest request)
    {
        var contentType = request.Context.Request.ContentType ?? "";
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/json-patch+json" or "application/merge-patch+json" or "application/strategic-merge-patch+json" => mediaType,
            _ => throw new ApiException(StatusErrors.UnsupportedMediaType(contentType)),
        };
    }

    /// <summary>Applies a patch of the given media type to a copy of <paramref name="target"/>.</summary>
    internal static JsonObject ApplyPatch(string patchType, JsonObject target, JsonNode patch)
    {
        try
        {
            var result = patchType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(target, patch),
                "application/merge-patch+json" => MergePatch.Apply(target, patch),
                _ => StrategicMergePatch.Apply(target, patch),
            };
            return result as JsonObject ?? throw new PatchException("the patched document is not an object");
        }
        catch (PatchException e)
        {
            throw new ApiException(e.Malformed ? StatusErrors.BadRequest(e.Message) : StatusErrors.Status(422, "Invalid", e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ApiException(StatusErrors.BadRequest($"invalid patch: {e.Message}"));
        }
    }
}
