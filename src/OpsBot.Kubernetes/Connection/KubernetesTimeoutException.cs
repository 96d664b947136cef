namespace OpsBot.Kubernetes;

/// <summary>A call to the API server took longer than <see cref="KubernetesResilienceOptions.RequestTimeout"/> on every attempt.</summary>
public sealed class KubernetesTimeoutException(string message, Exception? innerException = null) : TimeoutException(message, innerException);
