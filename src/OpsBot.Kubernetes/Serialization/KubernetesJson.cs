using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpsBot.Kubernetes.Serialization;

/// <summary>Serialize and deserialize Kubernetes models through the source-generated context.</summary>
public static class KubernetesJson
{
    /// <summary>The options of the source-generated context (for callers that need <see cref="JsonSerializerOptions"/>).</summary>
    public static JsonSerializerOptions Options => KubernetesJsonContext.Default.Options;

    /// <summary>The generated metadata for <typeparamref name="T"/>; throws if the type was not registered.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>?)KubernetesJsonContext.Default.GetTypeInfo(typeof(T))
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(KubernetesJsonContext)}.");

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo<T>()) ?? throw new JsonException($"null is not a {typeof(T).Name}.");

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, TypeInfo<T>()) ?? throw new JsonException($"null is not a {typeof(T).Name}.");

    public static async ValueTask<T> DeserializeAsync<T>(Stream stream, CancellationToken cancellationToken = default) =>
        await JsonSerializer.DeserializeAsync(stream, TypeInfo<T>(), cancellationToken).ConfigureAwait(false)
        ?? throw new JsonException($"null is not a {typeof(T).Name}.");
}
