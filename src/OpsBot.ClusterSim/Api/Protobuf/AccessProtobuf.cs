using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Protobuf;

/// <summary>
/// The access-control messages client-go 1.32 sends only as protobuf (<c>kubectl auth can-i</c>, <c>auth whoami</c>,
/// <c>create token</c>): SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview,
/// SelfSubjectRulesReview, SelfSubjectReview, TokenReview and TokenRequest, decoded into the JSON the API accepts.
/// Only the spec is read (field 2 of each message); metadata and status are ignored as the server ignores them.
/// </summary>
// https://github.com/kubernetes/api/blob/master/authorization/v1/generated.proto,
// https://github.com/kubernetes/api/blob/master/authentication/v1/generated.proto
internal static class AccessProtobuf
{
    private static readonly (int Field, string Name)[] ResourceAttributes =
        [(1, "namespace"), (2, "verb"), (3, "group"), (4, "version"), (5, "resource"), (6, "subresource"), (7, "name")];

    private static readonly (int Field, string Name)[] NonResourceAttributes = [(1, "path"), (2, "verb")];

    private static readonly (int Field, string Name)[] BoundObjectReference = [(1, "kind"), (2, "apiVersion"), (3, "name"), (4, "uid")];

    /// <summary>The message as JSON: <c>{apiVersion, kind, spec}</c>.</summary>
    public static JsonObject Read(ReadOnlyMemory<byte> body)
    {
        var (apiVersion, kind, raw) = KubernetesProtobuf.ReadEnvelope(body);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["spec"] = new JsonObject() };
        var reader = new ProtobufReader(raw);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 2 && wire == 2)
            {
                result["spec"] = ReadSpec(kind, reader.ReadMessage());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return result;
    }

    private static JsonObject ReadSpec(string kind, ProtobufReader reader)
    {
        var spec = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (kind, field, wire)
            {
                case ("SelfSubjectAccessReview" or "SubjectAccessReview" or "LocalSubjectAccessReview", 1, 2):
                    spec["resourceAttributes"] = ReadStrings(reader.ReadMessage(), ResourceAttributes);
                    break;
                case ("SelfSubjectAccessReview" or "SubjectAccessReview" or "LocalSubjectAccessReview", 2, 2):
                    spec["nonResourceAttributes"] = ReadStrings(reader.ReadMessage(), NonResourceAttributes);
                    break;
                case ("SubjectAccessReview" or "LocalSubjectAccessReview", 3, 2):
                    spec["user"] = reader.ReadString();
                    break;
                case ("SubjectAccessReview" or "LocalSubjectAccessReview", 4, 2):
                    Append(spec, "groups", reader.ReadString());
                    break;
                case ("SubjectAccessReview" or "LocalSubjectAccessReview", 5, 2):
                    ReadExtra(spec, reader.ReadMessage());
                    break;
                case ("SubjectAccessReview" or "LocalSubjectAccessReview", 6, 2):
                    spec["uid"] = reader.ReadString();
                    break;
                case ("SelfSubjectRulesReview", 1, 2):
                    spec["namespace"] = reader.ReadString();
                    break;
                case ("TokenReview", 1, 2):
                    spec["token"] = reader.ReadString();
                    break;
                case ("TokenReview", 2, 2) or ("TokenRequest", 1, 2):
                    Append(spec, "audiences", reader.ReadString());
                    break;
                case ("TokenRequest", 3, 2):
                    spec["boundObjectRef"] = ReadStrings(reader.ReadMessage(), BoundObjectReference);
                    break;
                case ("TokenRequest", 4, 0):
                    spec["expirationSeconds"] = (long)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return spec;
    }

    private static JsonObject ReadStrings(ProtobufReader reader, (int Field, string Name)[] fields)
    {
        var result = new JsonObject();
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            var name = wire == 2 ? fields.FirstOrDefault(f => f.Field == field).Name : null;
            if (name is null)
            {
                reader.Skip(wire);
                continue;
            }

            var value = reader.ReadString();
            if (value.Length > 0)
            {
                result[name] = value;
            }
        }

        return result;
    }

    // map<string, ExtraValue> extra = 5: entries {key = 1, value = 2 {items = 1 (repeated)}}.
    private static void ReadExtra(JsonObject spec, ProtobufReader entry)
    {
        var key = "";
        var values = new JsonArray();
        while (!entry.AtEnd)
        {
            var (field, wire) = entry.ReadTag();
            if (field == 1 && wire == 2)
            {
                key = entry.ReadString();
            }
            else if (field == 2 && wire == 2)
            {
                var items = entry.ReadMessage();
                while (!items.AtEnd)
                {
                    var (f, w) = items.ReadTag();
                    if (f == 1 && w == 2)
                    {
                        values.Add(items.ReadString());
                    }
                    else
                    {
                        items.Skip(w);
                    }
                }
            }
            else
            {
                entry.Skip(wire);
            }
        }

        if (spec["extra"] is not JsonObject extra)
        {
            extra = [];
            spec["extra"] = extra;
        }

        extra[key] = values;
    }

    private static void Append(JsonObject spec, string name, string value)
    {
        if (spec[name] is not JsonArray list)
        {
            list = [];
            spec[name] = list;
        }

        list.Add(value);
    }
}
