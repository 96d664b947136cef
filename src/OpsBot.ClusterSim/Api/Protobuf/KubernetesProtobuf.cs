using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Protobuf;

/// <summary>
/// Kubernetes' protobuf envelope (the magic <c>k8s\0</c>, then a <c>runtime.Unknown</c> with the type and the raw
/// message) and the one message the simulator reads from it: <c>policy/v1 Eviction</c>, which client-go 1.32 (kubectl
/// drain) sends only as protobuf. Decoded into the same JSON the API would accept.
/// </summary>
// https://kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding
internal static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>The envelope's apiVersion, kind and raw message bytes.</summary>
    public static (string ApiVersion, string Kind, ReadOnlyMemory<byte> Raw) ReadEnvelope(ReadOnlyMemory<byte> body)
    {
        if (body.Length < Magic.Length || !body.Span[..Magic.Length].SequenceEqual(Magic))
        {
            throw new FormatException("the body does not start with the Kubernetes protobuf prefix k8s\\0");
        }

        var reader = new ProtobufReader(body[Magic.Length..]);
        string apiVersion = "", kind = "";
        ReadOnlyMemory<byte> raw = default;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field, wire)
            {
                case (1, 2): // typeMeta
                    var typeMeta = reader.ReadMessage();
                    while (!typeMeta.AtEnd)
                    {
                        var (f, w) = typeMeta.ReadTag();
                        switch (f, w)
                        {
                            case (1, 2):
                                apiVersion = typeMeta.ReadString();
                                break;
                            case (2, 2):
                                kind = typeMeta.ReadString();
                                break;
                            default:
                                typeMeta.Skip(w);
                                break;
                        }
                    }

                    break;
                case (2, 2): // raw
                    raw = reader.ReadBytes();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return (apiVersion, kind, raw);
    }

    /// <summary>An Eviction (<c>metadata</c> = 1, <c>deleteOptions</c> = 2) as its JSON form.</summary>
    public static JsonObject ReadEviction(ReadOnlyMemory<byte> body)
    {
        var (apiVersion, kind, raw) = ReadEnvelope(body);
        if (kind != "Eviction")
        {
            throw new FormatException($"expected an Eviction, got {(kind.Length == 0 ? "no kind" : kind)}");
        }

        var eviction = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject() };
        var reader = new ProtobufReader(raw);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field, wire)
            {
                case (1, 2):
                    eviction["metadata"] = ReadObjectMeta(reader.ReadMessage());
                    break;
                case (2, 2):
                    eviction["deleteOptions"] = ReadDeleteOptions(reader.ReadMessage());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return eviction;
    }

    // ObjectMeta: name = 1, generateName = 2, namespace = 3, uid = 5, resourceVersion = 6.
    private static JsonObject ReadObjectMeta(ProtobufReader reader)
    {
        var meta = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            string? key = (field, wire) switch
            {
                (1, 2) => "name",
                (2, 2) => "generateName",
                (3, 2) => "namespace",
                (5, 2) => "uid",
                (6, 2) => "resourceVersion",
                _ => null,
            };
            if (key is null)
            {
                reader.Skip(wire);
            }
            else
            {
                meta[key] = reader.ReadString();
            }
        }

        return meta;
    }

    // DeleteOptions: gracePeriodSeconds = 1, preconditions = 2 {uid = 1, resourceVersion = 2}, orphanDependents = 3,
    // propagationPolicy = 4, dryRun = 5 (repeated).
    private static JsonObject ReadDeleteOptions(ProtobufReader reader)
    {
        var options = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field, wire)
            {
                case (1, 0):
                    options["gracePeriodSeconds"] = (long)reader.ReadVarint();
                    break;
                case (2, 2):
                    var preconditions = new JsonObject();
                    var inner = reader.ReadMessage();
                    while (!inner.AtEnd)
                    {
                        var (f, w) = inner.ReadTag();
                        switch (f, w)
                        {
                            case (1, 2):
                                preconditions["uid"] = inner.ReadString();
                                break;
                            case (2, 2):
                                preconditions["resourceVersion"] = inner.ReadString();
                                break;
                            default:
                                inner.Skip(w);
                                break;
                        }
                    }

                    options["preconditions"] = preconditions;
                    break;
                case (4, 2):
                    options["propagationPolicy"] = reader.ReadString();
                    break;
                case (5, 2):
                    if (options["dryRun"] is not JsonArray dryRun)
                    {
                        dryRun = [];
                        options["dryRun"] = dryRun;
                    }

                    dryRun.Add(reader.ReadString());
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return options;
    }
}
