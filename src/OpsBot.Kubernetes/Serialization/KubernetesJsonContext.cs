using System.Text.Json;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes.Serialization;

/// <summary>
/// Source-generated serialization for every model. Add each new model (and its list) here.
/// Nulls are not written: a patch or a round trip never invents <c>"field": null</c>.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(V1ObjectMeta))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
