using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api;

/// <summary>
/// Each stored object's JSON, serialized once and reused by every list that serves it — whole (a typed list, a Table
/// row with <c>includeObject=Object</c>) and as its <c>PartialObjectMetadata</c> (a Table row's default object) — the
/// way the real API server keeps encoded objects in its watch cache instead of encoding 10,000 pods again for every
/// <c>kubectl get pods -A</c>. Keyed by the stored instance: the store never changes one in place (a write stores a new
/// instance with a new resourceVersion), so an entry is valid for exactly as long as its instance is stored, and goes
/// with it (weak keys: nothing to invalidate by hand). Called under the store's lock
/// (<see cref="Store.ObjectStore.ListProjected{T}"/>).
/// </summary>
internal sealed class SerializedObjects
{
    private static readonly byte[] NullJson = "null"u8.ToArray();

    private readonly ConditionalWeakTable<JsonObject, byte[]> _whole = [];
    private readonly ConditionalWeakTable<JsonObject, byte[]> _partialMetadata = [];

    /// <summary>The object as JSON, exactly as <see cref="JsonNode.ToJsonString"/> writes it.</summary>
    public byte[] Whole(JsonObject stored) => _whole.GetValue(stored, static obj => Serialize(obj.WriteTo));

    /// <summary><c>{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":…}</c> of the object.</summary>
    public byte[] PartialMetadata(JsonObject stored) => _partialMetadata.GetValue(stored, static obj => Serialize(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "PartialObjectMetadata");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");
        writer.WritePropertyName("metadata");
        if (obj["metadata"] is { } metadata)
        {
            metadata.WriteTo(writer);
        }
        else
        {
            writer.WriteRawValue(NullJson, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }));

    /// <summary>What <paramref name="write"/> writes, as bytes (for small values: a Table row's cells).</summary>
    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Serialize(Action<Utf8JsonWriter, JsonSerializerOptions?> write) => Serialize(writer => write(writer, null));
}
