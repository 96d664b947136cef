using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Tables;

namespace OpsBot.ClusterSim.Api;

/// <summary>
/// Lists served the way the real API server serves them from its watch cache: each object's JSON encoded once and
/// reused (<see cref="SerializedObjects"/>), the response streamed as it is written rather than built as one tree of
/// 10,000 copied pods and then serialized. The bytes are the same as building the list as JSON nodes would give.
/// </summary>
public sealed partial class ApiServer
{
    /// <summary>Flush to the client every this many bytes, so a long list streams instead of piling up.</summary>
    private const int FlushBytes = 64 * 1024;

    private async Task WriteListAsync(ApiRequest request, Func<JsonObject, bool>? filter, int? limit, string? continueAfter, CancellationToken cancellationToken)
    {
        var page = _store.ListProjected(request.Definition.Resource, request.Path.Namespace, filter, limit, continueAfter, _serialized.Whole);
        var response = StartJson(request);
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("kind", request.Definition.Kind + "List");
        writer.WriteString("apiVersion", request.Definition.ApiVersion);
        WriteListMetadata(writer, page.ResourceVersion, page.ContinueAfter, page.RemainingItemCount);
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            writer.WriteRawValue(item, skipInputValidation: true);
            await FlushIfFullAsync(writer, response, cancellationToken).ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteTableListAsync(ApiRequest request, Func<JsonObject, bool>? filter, int? limit, string? continueAfter, CancellationToken cancellationToken)
    {
        var converter = TableConverters.For(request.Definition);
        var include = request.Query("includeObject") ?? "Metadata";
        var now = Now;
        // Cells depend on the clock (AGE, "5 (4m ago)"): computed per request; the row's object is the cached part.
        var page = _store.ListProjected(request.Definition.Resource, request.Path.Namespace, filter, limit, continueAfter, obj => (
            Cells: SerializedObjects.Serialize(writer =>
            {
                writer.WriteStartArray();
                foreach (var cell in converter.Cells(obj, now))
                {
                    if (cell is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        cell.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
            }),
            Object: include switch
            {
                "Object" => _serialized.Whole(obj),
                "None" => null,
                _ => _serialized.PartialMetadata(obj),
            }));

        var response = StartJson(request);
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");
        WriteListMetadata(writer, page.ResourceVersion, page.ContinueAfter, page.RemainingItemCount);
        writer.WriteStartArray("columnDefinitions");
        foreach (var column in converter.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("type", column.Type);
            writer.WriteString("format", column.Format);
            writer.WriteString("description", column.Description.Length > 0 ? column.Description : column.Name);
            writer.WriteNumber("priority", column.Priority);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var (cells, obj) in page.Items)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("cells");
            writer.WriteRawValue(cells, skipInputValidation: true);
            if (obj is not null)
            {
                writer.WritePropertyName("object");
                writer.WriteRawValue(obj, skipInputValidation: true);
            }

            writer.WriteEndObject();
            await FlushIfFullAsync(writer, response, cancellationToken).ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Microsoft.AspNetCore.Http.HttpResponse StartJson(ApiRequest request)
    {
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        return response;
    }

    /// <summary>The list's metadata as <see cref="ListMetadata"/> builds it (the continue token encoded here).</summary>
    private static void WriteListMetadata(Utf8JsonWriter writer, long resourceVersion, string? continueAfter, long remaining)
    {
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
        if (continueAfter is not null)
        {
            writer.WriteString("continue", ContinueToken.Encode(resourceVersion, continueAfter));
            writer.WriteNumber("remainingItemCount", remaining);
        }

        writer.WriteEndObject();
    }

    private static async Task FlushIfFullAsync(Utf8JsonWriter writer, Microsoft.AspNetCore.Http.HttpResponse response, CancellationToken cancellationToken)
    {
        if (writer.BytesPending >= FlushBytes)
        {
            writer.Flush();
            await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
