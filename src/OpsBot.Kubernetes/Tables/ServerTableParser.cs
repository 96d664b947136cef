using System.Globalization;
using System.Text.Json;

namespace OpsBot.Kubernetes;

/// <summary>
/// Reads one response body as a <c>meta.k8s.io/v1 Table</c>, taking only what a reader of Tables needs (columns, cells,
/// each row's namespace, name and creation time; the rest of the row's metadata — labels, managedFields — is skipped).
/// Anything not shaped as such a Table gives null, never a guess: the caller falls back to the typed list.
/// </summary>
internal static class ServerTableParser
{
    public static ServerTablePage? Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "kind") != "Table" || String(root, "apiVersion") != "meta.k8s.io/v1"
                || !root.TryGetProperty("columnDefinitions", out var definitions) || definitions.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var columns = new List<ServerTableColumn>(definitions.GetArrayLength());
            foreach (var definition in definitions.EnumerateArray())
            {
                if (definition.ValueKind != JsonValueKind.Object || String(definition, "name") is not { Length: > 0 } name)
                {
                    return null;
                }

                var priority = definition.TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var value) ? value : 0;
                columns.Add(new ServerTableColumn(name, String(definition, "type") ?? "string", priority));
            }

            var rows = new List<ServerTableRow>();
            if (root.TryGetProperty("rows", out var rowArray) && rowArray.ValueKind != JsonValueKind.Null)
            {
                if (rowArray.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                rows.Capacity = rowArray.GetArrayLength();
                foreach (var row in rowArray.EnumerateArray())
                {
                    if (Row(row, columns.Count) is not { } parsed)
                    {
                        return null;
                    }

                    rows.Add(parsed);
                }
            }

            var next = root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? String(metadata, "continue") : null;
            return new ServerTablePage(columns, rows, string.IsNullOrEmpty(next) ? null : next);
        }
    }

    private static ServerTableRow? Row(JsonElement row, int columnCount)
    {
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("cells", out var cellArray) || cellArray.ValueKind != JsonValueKind.Array
            || cellArray.GetArrayLength() != columnCount)
        {
            return null;
        }

        var cells = new string?[columnCount];
        var i = 0;
        foreach (var cell in cellArray.EnumerateArray())
        {
            cells[i++] = cell.ValueKind switch
            {
                JsonValueKind.String => cell.GetString(),
                JsonValueKind.Null => null,
                _ => cell.GetRawText(),
            };
        }

        if (!row.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object
            || !obj.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return new ServerTableRow(cells, null, null, null);
        }

        DateTimeOffset? created = null;
        if (String(metadata, "creationTimestamp") is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return null;
            }

            created = parsed;
        }

        return new ServerTableRow(cells, String(metadata, "namespace"), String(metadata, "name"), created);
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
