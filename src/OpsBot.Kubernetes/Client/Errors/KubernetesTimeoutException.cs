namespace OpsBot.Kubernetes;

/// <summary>A call did not complete within its per-call timeout (after any retries).</summary>
public sealed class KubernetesTimeoutException(string message, Exception? innerException = null)
    : TimeoutException(message, innerException);
