using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Discovery;

/// <summary>
/// A minimal OpenAPI v2 (swagger) document with no definitions. kubectl before 1.27 downloads
/// <c>/openapi/v2</c> (as gnostic protobuf) before <c>apply</c>/<c>create -f</c>; with no schema for
/// a kind it skips client-side validation and computes strategic patches from its built-in types.
/// </summary>
public static class OpenApiV2Document
{
    // Clients ask for "…spec.v2@v1.0+protobuf"; the server answers with "." for "@" (a valid media type), as kube-openapi does.
    public const string ProtobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private const string Title = "Kubernetes";
    private const string Version = "v1.32.0";

    /// <summary>gnostic <c>openapi_v2.Document</c>: swagger (1), info (2: title 1, version 2), paths (8), hand-encoded.</summary>
    // https://github.com/google/gnostic-models/blob/main/openapiv2/OpenAPIv2.proto
    public static byte[] Protobuf()
    {
        var info = Concat(Field(1, Title), Field(2, Version));
        return Concat(Field(1, "2.0"), Field(2, info), Field(8, []));
    }

    public static JsonObject Json() => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = Title, ["version"] = Version },
        ["paths"] = new JsonObject(),
    };

    private static byte[] Field(int number, string value) => Field(number, Encoding.UTF8.GetBytes(value));

    // Length-delimited field: tag (number << 3 | wire type 2), varint length, bytes.
    private static byte[] Field(int number, byte[] value)
    {
        var bytes = new List<byte> { (byte)((number << 3) | 2) };
        var length = value.Length;
        do
        {
            var b = (byte)(length & 0x7F);
            length >>= 7;
            bytes.Add(length > 0 ? (byte)(b | 0x80) : b);
        }
        while (length > 0);
        bytes.AddRange(value);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
