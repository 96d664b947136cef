using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Discovery;

/// <summary>
/// A minimal OpenAPI v2 (swagger) document with no definitions. kubectl before 1.27 downloads
/// <c>/openapi/v2</c> (as gnostic protobuf) before <c>apply</c>/<c>create -f</c>; with no schema for
/// a kind it skips client-side validation and computes strategic patches from its built-in types.
/// Each writable kind's PATCH operation is listed with its <c>x-kubernetes-group-version-kind</c> and the
/// <c>dryRun</c> query parameter: that is how those kubectl versions decide that <c>--dry-run=server</c> is
/// supported (<c>openapi.SupportsDryRun</c>); without it they refuse with "doesn't support dry-run".
/// </summary>
public static class OpenApiV2Document
{
    // Clients ask for "…spec.v2@v1.0+protobuf"; the server answers with "." for "@" (a valid media type), as kube-openapi does.
    public const string ProtobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private const string Title = "Kubernetes";
    private const string Version = "v1.32.0";
    private const string GvkExtension = "x-kubernetes-group-version-kind";

    /// <summary>
    /// gnostic <c>openapi_v2.Document</c>, hand-encoded: swagger (1), info (2: title 1, version 2), paths (8: path 2 =
    /// NamedPathItem {name 1, value 2 = PathItem {patch 8 = Operation {operation_id 5, parameters 8, vendor_extension 13}}}).
    /// </summary>
    // https://github.com/google/gnostic-models/blob/main/openapiv2/OpenAPIv2.proto
    public static byte[] Protobuf(ResourceRegistry registry)
    {
        var info = Concat(Field(1, Title), Field(2, Version));
        var paths = Patchable(registry).Select(p => Field(2, Concat(Field(1, p.Url), Field(2, Field(8, Operation(p.Definition))))));
        return Concat(Field(1, "2.0"), Field(2, info), Field(8, Concat([.. paths])));
    }

    public static JsonObject Json(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var (url, d) in Patchable(registry))
        {
            paths[url] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = OperationId(d),
                    ["parameters"] = new JsonArray(new JsonObject { ["uniqueItems"] = true, ["type"] = "string", ["name"] = "dryRun", ["in"] = "query" }),
                    [GvkExtension] = new JsonObject { ["group"] = d.Group, ["kind"] = d.Kind, ["version"] = d.Version },
                },
            };
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = Title, ["version"] = Version },
            ["paths"] = paths,
        };
    }

    private static IEnumerable<(string Url, ResourceDefinition Definition)> Patchable(ResourceRegistry registry) =>
        registry.Definitions
            .Where(d => d.Verbs.Contains("patch") && !d.IsMetrics && !d.IsReview)
            .Select(d =>
            {
                var prefix = d.Group.Length == 0 ? $"/api/{d.Version}" : $"/apis/{d.Group}/{d.Version}";
                return (d.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{d.Plural}/{{name}}" : $"{prefix}/{d.Plural}/{{name}}", d);
            });

    private static string OperationId(ResourceDefinition d) => $"patch{d.Kind}";

    // Operation: operation_id (5), parameters (8) = ParametersItem {parameter 1 = Parameter {non_body_parameter 2 =
    // NonBodyParameter {query_parameter_sub_schema 3 = {in 2, name 4, type 6, unique_items 20}}}}, vendor_extension (13) =
    // NamedAny {name 1, value 2 = Any {yaml 2}}.
    private static byte[] Operation(ResourceDefinition d)
    {
        var query = Concat(Field(2, "query"), Field(4, "dryRun"), Field(6, "string"), Bool(20, true));
        var parameter = Field(1, Field(2, Field(3, query)));
        var gvk = $"group: \"{d.Group}\"\nkind: {d.Kind}\nversion: {d.Version}\n";
        var extension = Concat(Field(1, GvkExtension), Field(2, Field(2, gvk)));
        return Concat(Field(5, OperationId(d)), Field(8, parameter), Field(13, extension));
    }

    private static byte[] Field(int number, string value) => Field(number, Encoding.UTF8.GetBytes(value));

    // Length-delimited field: tag (number << 3 | wire type 2), varint length, bytes.
    private static byte[] Field(int number, byte[] value)
    {
        var bytes = new List<byte>();
        Varint(bytes, (ulong)((number << 3) | 2));
        Varint(bytes, (ulong)value.Length);
        bytes.AddRange(value);
        return [.. bytes];
    }

    private static byte[] Bool(int number, bool value)
    {
        var bytes = new List<byte>();
        Varint(bytes, (ulong)(number << 3));
        bytes.Add(value ? (byte)1 : (byte)0);
        return [.. bytes];
    }

    private static void Varint(List<byte> bytes, ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
