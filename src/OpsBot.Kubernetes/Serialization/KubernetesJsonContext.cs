using System.Text.Json;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes.Serialization;

/// <summary>
/// Source-generated serialization for every model. Add each new model (and its list) here.
/// Nulls are not written: a patch or a round trip never invents <c>"field": null</c>.
/// Every model keeps unknown fields in <c>[JsonExtensionData] ExtensionData { get; set; }</c>: it is <c>set</c>, not
/// <c>init</c>, because generated deserialization throws for an init-only extension data property
/// (https://github.com/dotnet/runtime/issues/107898).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(V1ObjectMeta))]
[JsonSerializable(typeof(V1ListMeta))]
[JsonSerializable(typeof(V1Pod))]
[JsonSerializable(typeof(V1PodList))]
[JsonSerializable(typeof(V1PodTemplateSpec))]
[JsonSerializable(typeof(Corev1Event))]
[JsonSerializable(typeof(Corev1EventList))]
[JsonSerializable(typeof(V1Node))]
[JsonSerializable(typeof(V1NodeList))]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(V1NamespaceList))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1SecretList))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(V1ConfigMapList))]
[JsonSerializable(typeof(V1Service))]
[JsonSerializable(typeof(V1ServiceList))]
[JsonSerializable(typeof(V1Deployment))]
[JsonSerializable(typeof(V1DeploymentList))]
[JsonSerializable(typeof(V1ReplicaSet))]
[JsonSerializable(typeof(V1ReplicaSetList))]
[JsonSerializable(typeof(V2HorizontalPodAutoscaler))]
[JsonSerializable(typeof(V2HorizontalPodAutoscalerList))]
[JsonSerializable(typeof(V1Ingress))]
[JsonSerializable(typeof(V1IngressList))]
[JsonSerializable(typeof(V1Scale))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(V1LeaseList))]
[JsonSerializable(typeof(PodMetrics))]
[JsonSerializable(typeof(PodMetricsList))]
[JsonSerializable(typeof(NodeMetrics))]
[JsonSerializable(typeof(NodeMetricsList))]
[JsonSerializable(typeof(V1Certificate))]
[JsonSerializable(typeof(V1CertificateList))]
[JsonSerializable(typeof(V1ObjectReference))]
[JsonSerializable(typeof(V1Condition))]
[JsonSerializable(typeof(V1LabelSelector))]
[JsonSerializable(typeof(ResourceQuantity))]
[JsonSerializable(typeof(IntOrString))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
