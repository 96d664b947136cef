namespace OpsBot.Kubernetes.Models;

/// <summary>A Kubernetes object: kind, apiVersion and metadata (like <c>k8s.IKubernetesObject&lt;V1ObjectMeta&gt;</c>).</summary>
public interface IKubernetesObject
{
    string? ApiVersion { get; }

    string? Kind { get; }

    V1ObjectMeta? Metadata { get; }
}

/// <summary>A list of Kubernetes objects with list metadata (<c>resourceVersion</c>, <c>continue</c>).</summary>
public interface IKubernetesList<out T>
{
    V1ListMeta? Metadata { get; }

    IReadOnlyList<T> Items { get; }
}
