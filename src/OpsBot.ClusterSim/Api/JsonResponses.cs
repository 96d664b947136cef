using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpsBot.ClusterSim.Api;

/// <summary>Writes JSON bodies and Status errors.</summary>
internal static class JsonResponses
{
    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body, CancellationToken cancellationToken = default)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    public static Task WriteStatusAsync(HttpContext context, JsonObject status, CancellationToken cancellationToken = default) =>
        WriteAsync(context, status["code"]?.GetValue<int>() ?? 500, status, cancellationToken);

    public static async Task<JsonNode> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        // client-go 1.32 forces protobuf on generated clients for built-in kinds (kubectl create deployment, drain's
        // evictions); the simulator speaks JSON only and says so.
        if (context.Request.ContentType is { } contentType && contentType.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusErrors.Status(
                415,
                "UnsupportedMediaType",
                $"the simulated API server accepts JSON bodies only, not {contentType}: use kubectl create -f / apply -f / patch instead of typed generators"));
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) ?? throw new ApiException(StatusErrors.BadRequest("the request body is null"));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ApiException(StatusErrors.BadRequest($"the body of the request could not be decoded: json parse error: {e.Message}"));
        }
    }
}
